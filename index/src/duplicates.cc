// Near duplicates: the same agreement scanned twice (different bytes, a number in common,
// the same parties); and one number on two different agreements.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "naskah/core/warnings.h"
#include "naskah/index/schema.h"
#include "naskah/index/store.h"

namespace naskah::index {

namespace {

std::vector<std::string> terms_with_prefix(const Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> out;
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(prefix);
  for (; t != doc.termlist_end() && (*t).starts_with(prefix); ++t) out.push_back(*t);
  return out;
}

bool same_agreement(const AgreementRecord& a, const AgreementRecord& b) {
  if (a.sha256 == b.sha256) return false;
  if (a.doc_type && b.doc_type && *a.doc_type != *b.doc_type) return false;
  if (a.parties.empty() || b.parties.empty()) return true;
  std::set<std::string> names;
  for (const Party& p : a.parties) names.insert(term_key(p.name));
  return std::any_of(b.parties.begin(), b.parties.end(),
                     [&](const Party& p) { return names.contains(term_key(p.name)); });
}

std::string duplicate_warning(const std::string& sha256) {
  return warning_text(warning::k_possible_duplicate, {{"id", sha256}});
}

// Whether `a` cites one of `b`'s numbers (an addendum may repeat its parent's number).
bool cites(const Xapian::Document& a, const Xapian::Document& b) {
  const std::string reference = prefix::k_family_reference;
  const std::string number = prefix::k_family_number;
  for (const std::string& term : terms_with_prefix(a, reference)) {
    if (std::find(b.termlist_begin(), b.termlist_end(), number + term.substr(reference.size())) !=
        b.termlist_end()) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::size_t mark_duplicates(Xapian::WritableDatabase& db,
                            const std::optional<std::vector<std::string>>& only) {
  // Numbers as printed, and as families match them (number_key: an OCR slip does not hide
  // a rescan; short numbers such as "12/2020" have only the first).
  const std::array<std::string, 2> number_prefixes = {prefix::k_number, prefix::k_family_number};
  // Documents that share a number term, as groups of document ids.
  std::vector<std::vector<Xapian::docid>> groups;
  auto group_of_term = [&](const std::string& term) {
    std::vector<Xapian::docid> ids;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) ids.push_back(*p);
    if (ids.size() >= 2) groups.push_back(std::move(ids));
  };
  // With `only`, those documents' number-reused findings are made afresh (the agreement
  // that shared a number may have been corrected since).
  std::set<Xapian::docid> fresh;
  if (only) {
    for (const std::string& sha : *only) {
      const std::string id = id_term(sha);
      auto p = db.postlist_begin(id);
      if (p == db.postlist_end(id)) continue;
      fresh.insert(*p);
      for (const std::string& number_prefix : number_prefixes) {
        for (const std::string& term : terms_with_prefix(db.get_document(*p), number_prefix)) {
          group_of_term(term);
        }
      }
    }
  } else {
    for (const std::string& number_prefix : number_prefixes) {
      for (auto t = db.allterms_begin(number_prefix); t != db.allterms_end(number_prefix); ++t) {
        if (t.get_termfreq() >= 2) group_of_term(*t);
      }
    }
  }
  // Pairs that are the same agreement -> the warnings each document should gain; pairs of
  // different agreements -> the other's id, for check.number-reused.
  std::map<Xapian::docid, std::set<std::string>> add;
  std::map<Xapian::docid, std::set<std::string>> reused;
  std::map<Xapian::docid, AgreementRecord> records;
  auto record = [&](Xapian::docid id) -> const AgreementRecord* {
    auto it = records.find(id);
    if (it == records.end()) {
      auto r = record_of(db.get_document(id));
      if (!r) return nullptr;
      it = records.emplace(id, std::move(*r)).first;
    }
    return &it->second;
  };
  for (const auto& ids : groups) {
    if (ids.size() > 50) continue;  // a number shared that widely is a common reference
    for (std::size_t i = 0; i < ids.size(); ++i) {
      for (std::size_t j = i + 1; j < ids.size(); ++j) {
        const AgreementRecord* a = record(ids[i]);
        const AgreementRecord* b = record(ids[j]);
        if (a == nullptr || b == nullptr || a->sha256 == b->sha256) continue;
        if (same_agreement(*a, *b)) {
          add[ids[i]].insert(duplicate_warning(b->sha256));
          add[ids[j]].insert(duplicate_warning(a->sha256));
          continue;
        }
        const Xapian::Document da = db.get_document(ids[i]);
        const Xapian::Document db_ = db.get_document(ids[j]);
        // Not a finding: a letter, a copy a person named, or one of a family citing the
        // other (an addendum may repeat its parent's number).
        const bool family = a->parent == b->sha256 || b->parent == a->sha256 ||
                            a->duplicate_of == b->sha256 || b->duplicate_of == a->sha256;
        if (a->not_agreement || b->not_agreement || family || cites(da, db_) || cites(db_, da)) {
          continue;
        }
        reused[ids[i]].insert(b->sha256);
        reused[ids[j]].insert(a->sha256);
      }
    }
  }
  std::set<Xapian::docid> grown;
  for (const Xapian::docid id : fresh) {
    const AgreementRecord* r = record(id);
    if (r == nullptr) continue;
    AgreementRecord& mine = records.at(id);
    const auto before = mine.needs_review.size();
    std::erase_if(mine.needs_review,
                  [](const ReviewFlag& f) { return f.code == review::k_number_reused; });
    if (mine.needs_review.size() != before) grown.insert(id);
  }
  for (auto& [id, warnings] : add) {
    AgreementRecord& r = records.at(id);
    for (const std::string& w : warnings) {
      if (std::find(r.warnings.begin(), r.warnings.end(), w) != r.warnings.end()) continue;
      r.warnings.push_back(w);
      grown.insert(id);
    }
  }
  for (auto& [id, others] : reused) {
    AgreementRecord& r = records.at(id);
    for (const std::string& other : others) {
      const ReviewFlag flag{review::k_number_reused, "", other};
      if (std::any_of(r.needs_review.begin(), r.needs_review.end(), [&](const ReviewFlag& f) {
            return f.code == flag.code && f.value == flag.value;
          })) {
        continue;
      }
      r.needs_review.push_back(flag);
      grown.insert(id);
    }
  }
  for (const Xapian::docid id : grown) db.replace_document(id, prepare(records.at(id)).document);
  return grown.size();
}

}  // namespace naskah::index
