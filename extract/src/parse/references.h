// Numbers this agreement cites: parent agreements ("Nota Kesepahaman Nomor: M.HH-20.HH.05.05
// Tahun 2020 dan Nomor: 075/35/2020") and regulations ("Undang-Undang Nomor 25 Tahun 2009",
// given as "25 Tahun 2009"). Street numbers and gazette numbers are not references.
// Thread-safe.
#pragma once

#include <string>
#include <vector>

namespace naskah::extract::parse {

// From the flat text of a prepared document; `own` are the agreement's own numbers, which
// are left out. In order of first appearance, each once.
[[nodiscard]] std::vector<std::string> read_references(const std::string& flat,
                                                       const std::vector<std::string>& own);

}  // namespace naskah::extract::parse
