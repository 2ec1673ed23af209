// The Xapian schema of naskah, in one place: which terms and values a record becomes, and
// how the search side finds them again. Plain constants and pure functions; thread-safe.
//
//   free text, with positions   body (no prefix), title "S", party names "XP", numbers "XN"
//   stemmed (STEM_SOME)         "Z" + stem; Indonesian stemmer, English for English records
//   boolean filters             "Q" id (sha256), "XTYPE" doc type, "XPARTY" party name,
//                               "XNUM" number, "Y" signing year, "XOFFICE" office, "L" language,
//                               "XFLAG" what makes it suspicious
//   families (index/families.cc) "XFNUM" own numbers and "XFREF" cited numbers, as number_key;
//                               "XPARENT" the parent's id; "XFAM" the family's root id
//   values                      slot:: below (dates as YYYYMMDD, amounts sortable-serialised)
//   document data               the record as JSON, without its text (in slot::k_text)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace naskah::index {

namespace prefix {
inline constexpr const char* k_id = "Q";
inline constexpr const char* k_type = "XTYPE";
inline constexpr const char* k_party = "XPARTY";
inline constexpr const char* k_number = "XNUM";
inline constexpr const char* k_year = "Y";
inline constexpr const char* k_office = "XOFFICE";
inline constexpr const char* k_language = "L";
inline constexpr const char* k_title_text = "S";
inline constexpr const char* k_party_text = "XP";
inline constexpr const char* k_number_text = "XN";
// What makes a record suspicious, as terms so the monitoring list is one query:
// "XFLAGno-parties", "no-signed-date", "no-number", "duplicate", "low-ocr".
inline constexpr const char* k_flag = "XFLAG";
// Families: an agreement whose "XFREF" key is another's "XFNUM" key cites it (an addendum
// its parent, a PKS its MoU). Keys are number_key()s, so the two need not be printed alike.
inline constexpr const char* k_family_number = "XFNUM";
inline constexpr const char* k_family_reference = "XFREF";
// The parent's id (found or set by a person), so a parent finds its children in one lookup.
inline constexpr const char* k_parent = "XPARENT";
// The id of the family's root on every member (its own id when it has no family), so that
// keluarga:<id> is one term once the root of <id> is known.
inline constexpr const char* k_family = "XFAM";
}  // namespace prefix

namespace slot {
inline constexpr Xapian::valueno k_signed = 0;     // YYYYMMDD
inline constexpr Xapian::valueno k_effective = 1;  // YYYYMMDD
// YYYYMMDD, the end after the addenda (effective_end()); status is a range on it.
inline constexpr Xapian::valueno k_end = 2;
inline constexpr Xapian::valueno k_amount = 3;     // largest amount, sortable_serialise
inline constexpr Xapian::valueno k_type = 4;       // "mou", "pks", "addendum", "other"
inline constexpr Xapian::valueno k_year = 5;       // "2021"
inline constexpr Xapian::valueno k_office = 6;     // as given
inline constexpr Xapian::valueno k_language = 7;   // "id", "en"
inline constexpr Xapian::valueno k_confidence = 8; // mean OCR confidence, sortable_serialise
// The sha256: breaks ties in ranking the same way however the documents are spread over
// shards (Xapian would otherwise order equal scores by document number).
inline constexpr Xapian::valueno k_id = 9;
// Party names (as printed, white space folded) in slots k_party_first, +1, ... so that a
// stock ValueCountMatchSpy per slot counts them, locally and through remote shards alike.
inline constexpr Xapian::valueno k_party_first = 10;
inline constexpr int k_party_slots = 4;
// The record's text (snippets, record_of). Xapian compresses document data but not values:
// reading a hit's text from here costs a copy, where inside the data it cost inflating
// about 12 KB, most of a search's time on 20 hits.
inline constexpr Xapian::valueno k_text = 14;
}  // namespace slot

// "2021-10-12" -> "20211012"; empty when `iso` is not a YYYY-MM-DD date.
[[nodiscard]] std::string date_value(std::string_view iso);

// The key a name or number is filed under in a boolean term: lower case, white space folded,
// cut to fit Xapian's term length limit.
[[nodiscard]] std::string term_key(std::string_view text);

// An agreement number as families match it, so that the numbers an addendum cites find
// the agreement it amends however each was printed or read:
// "W8-UM.01.01 - 5431" and "w8.um.01.01-5431" -> "W8/UM/1/1/5431";
// "118/ORI-MOU/III/2019" -> "118/ORI/MOU/3/2019" (Roman months as numbers);
// "2O21", "l0" -> "2021", "10" (O, I and l inside numbers are OCR's slips for 0 and 1).
// Empty for what cannot tell one agreement from another (fewer than two parts or three
// digits, such as "2018" or "No. 5").
[[nodiscard]] std::string number_key(std::string_view text);

// A party name for display and facets: white space folded.
[[nodiscard]] std::string display_name(std::string_view text);
// A name as a facet shows it, so that one party spelled in capitals in one agreement and in
// title case in another counts once: a name written all in capitals is set in title case
// (short words and known abbreviations such as HAM, RI, RSUD stay capitals), and the
// particles dan, dengan, di, ke... are lower case after the first word.
[[nodiscard]] std::string facet_name(std::string_view text);

// The stemmer for a record's language ("en" -> English, anything else -> Indonesian).
[[nodiscard]] Xapian::Stem stemmer_for(const std::optional<std::string>& language);

// The unique id term of a document.
[[nodiscard]] std::string id_term(std::string_view sha256);

}  // namespace naskah::index
