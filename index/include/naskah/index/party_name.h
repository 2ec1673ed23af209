// A party's name as the facets and the dashboard count it: one body however an agreement
// wrote it. "KEMENTERIAN HUKUM DAN HAM RI", "Kementerian Hukum dan Hak Asasi Manusia" and
// "Ministry of Law and Human Rights of the Republic of Indonesia" are one ministry; "Lapas"
// and "Lembaga Pemasyarakatan" one kind of body; "LEMBAGA ... WONOREJO — —." has lost its
// scan's specks. The record keeps the name as printed; only counting and filtering use this.
#pragma once

#include <string>
#include <string_view>

namespace naskah::index {

// The canonical name (in facet_name's case), or empty when what was read names no one
// (OCR debris: no word of three letters, or more marks than letters).
[[nodiscard]] std::string canonical_party(std::string_view name);

}  // namespace naskah::index
