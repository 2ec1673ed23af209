// Families: an addendum and the agreement it amends, a PKS and the MoU it implements, linked
// from the numbers each cites (schema.h's XFREF and XFNUM keys) or by a person (a "parent"
// correction); the period that follows the addenda; and the checks only a family can make.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "naskah/index/schema.h"
#include "naskah/index/store.h"

namespace naskah::index {
namespace {

// A number that more than this many agreements carry is a template's or a common
// reference's, not one agreement's; cited by more than k_max_citing, a regulation's. Either
// way it does not tie a family. (A national MoU may well have a PKS from every Kanwil.)
constexpr Xapian::doccount k_max_carrying = 5;
constexpr Xapian::doccount k_max_citing = 500;
// However the links run, a family pass reads at most this many records (without their
// texts); a larger family is left as it was, with a warning.
constexpr std::size_t k_max_component = 2000;

// The codes this pass sets; it clears them before setting them again.
constexpr std::array<std::string_view, 3> k_family_codes = {review::k_addendum_without_parent,
                                                            review::k_pks_signed_outside_mou,
                                                            review::k_pks_outlives_mou};

std::vector<std::string> keys_of(const Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> out;
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(prefix);
  for (; t != doc.termlist_end() && (*t).starts_with(prefix); ++t) {
    out.push_back((*t).substr(prefix.size()));
  }
  return out;
}

bool is_type(const AgreementRecord& r, std::string_view type) {
  return r.doc_type && *r.doc_type == type;
}

bool corrected(const AgreementRecord& r, std::string_view field) {
  return std::find(r.corrected.begin(), r.corrected.end(), field) != r.corrected.end();
}

// The start of a period: the effective date, else the signing date.
const std::optional<std::string>& start_of(const AgreementRecord& r) {
  return r.effective_date ? r.effective_date : r.signed_date;
}

// Which types may be a parent of `child`, most likely first: an addendum amends a PKS or an
// MoU (or an earlier addendum); a PKS implements an MoU. Others have no parent.
int parent_rank(const AgreementRecord& child, const AgreementRecord& candidate) {
  if (is_type(child, "addendum")) {
    if (is_type(candidate, "pks")) return 3;
    if (is_type(candidate, "mou")) return 2;
    if (is_type(candidate, "addendum")) return 1;
    return 0;
  }
  if (is_type(child, "pks") && is_type(candidate, "mou")) return 3;
  return 0;
}

// The words of a party's name that tell it apart: "kantor wilayah ... lampung" ->
// {kantor, wilayah, ..., lampung}; short words and particles left out.
std::set<std::string> name_words(const std::string& name) {
  std::set<std::string> words;
  std::string word;
  for (const char c : term_key(name) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
      continue;
    }
    if (word.size() >= 3 && word != "dan" && word != "the" && word != "and") words.insert(word);
    word.clear();
  }
  return words;
}

// Whether two agreements are between the same bodies: a party of one whose name shares most
// of its words with a party of the other (OCR reads one name slightly differently in two
// scans), or the same office. Unknown parties on either side do not rule it out.
bool related(const AgreementRecord& a, const AgreementRecord& b) {
  if (a.parties.empty() || b.parties.empty()) return true;
  if (a.office && b.office && term_key(*a.office) == term_key(*b.office)) return true;
  for (const Party& p : a.parties) {
    const auto mine = name_words(p.name);
    for (const Party& q : b.parties) {
      const auto theirs = name_words(q.name);
      const std::size_t smaller = std::min(mine.size(), theirs.size());
      if (smaller == 0) continue;
      std::size_t shared = 0;
      for (const std::string& w : mine) shared += theirs.contains(w) ? 1 : 0;
      if (shared * 10 >= smaller * 7) return true;
    }
  }
  return false;
}

struct Node {
  Xapian::docid docid = 0;
  AgreementRecord record;
  std::vector<std::string> numbers;     // XFNUM keys
  std::vector<std::string> references;  // XFREF keys
};

class FamilyPass {
 public:
  explicit FamilyPass(Xapian::WritableDatabase& db) : m_db(db) {}

  // Reads the families of `seeds` whole: whatever cites, is cited by, names or is named as
  // a parent by a member, over and over. False when the family is larger than a pass may
  // read: then nothing of it may be written, as members not read would count as missing.
  [[nodiscard]] bool gather(const std::vector<Xapian::docid>& seeds) {
    std::deque<Xapian::docid> queue(seeds.begin(), seeds.end());
    while (!queue.empty()) {
      const Xapian::docid id = queue.front();
      queue.pop_front();
      if (m_nodes.contains(id)) continue;
      if (m_nodes.size() >= k_max_component) return false;
      Node* node = load(id);
      if (node == nullptr) continue;
      auto follow = [&](const std::string& term) {
        for (auto p = m_db.postlist_begin(term); p != m_db.postlist_end(term); ++p) {
          if (!m_nodes.contains(*p)) queue.push_back(*p);
        }
      };
      // A number that many agreements cite or carry is a template's or a framework's: it
      // is neither followed nor, in parent_of, taken for a tie.
      auto follow_key = [&](const std::string& key, const char* own, const char* cited) {
        if (m_db.get_termfreq(own + key) > k_max_carrying ||
            m_db.get_termfreq(cited + key) > k_max_citing) {
          m_common.insert(key);
          return;
        }
        follow(own + key);
        follow(cited + key);
      };
      for (const std::string& key : node->references) {
        follow_key(key, prefix::k_family_number, prefix::k_family_reference);
      }
      for (const std::string& key : node->numbers) {
        follow_key(key, prefix::k_family_number, prefix::k_family_reference);
      }
      follow(prefix::k_parent + node->record.sha256);
      if (node->record.parent) follow(id_term(*node->record.parent));
      for (const std::string& child : node->record.children) follow(id_term(child));
    }
    return true;
  }

  // Links, periods and checks of every member read; replaces the documents that changed.
  std::size_t link() {
    std::map<std::string, Node*> by_sha;
    for (auto& [id, node] : m_nodes) by_sha[node.record.sha256] = &node;
    // Parents first, then children, roots, periods and checks from them.
    std::map<std::string, std::optional<std::string>> parent;
    for (auto& [sha, node] : by_sha) parent[sha] = parent_of(*node, by_sha, m_common);
    std::map<std::string, std::vector<std::string>> children;
    for (const auto& [sha, p] : parent) {
      if (p) children[*p].push_back(sha);
    }
    std::size_t changed = 0;
    for (auto& [sha, node] : by_sha) {
      AgreementRecord next = node->record;
      next.parent = parent[sha];
      next.children = children[sha];
      next.family_root = root_of(sha, parent);
      if (next.family_root == sha && next.children.empty()) next.family_root.reset();
      next.effective_end_date = effective_end(sha, parent, children, by_sha);
      if (next.effective_end_date == next.end_date) next.effective_end_date.reset();
      std::erase_if(next.needs_review, [](const ReviewFlag& f) {
        return std::find(k_family_codes.begin(), k_family_codes.end(), f.code) !=
               k_family_codes.end();
      });
      add_checks(next, next.parent ? find(*next.parent, by_sha) : nullptr, by_sha, parent,
                 children);
      if (to_json(next, false) == to_json(node->record, false)) continue;
      // The text only for what is written again (a family may be 2,000 records).
      auto stored = record_of(m_db.get_document(node->docid), true);
      if (!stored) continue;
      next.text = std::move(stored->text);
      m_db.replace_document(node->docid, prepare(next).document);
      ++changed;
    }
    return changed;
  }

  [[nodiscard]] std::vector<Xapian::docid> members() const {
    std::vector<Xapian::docid> out;
    for (const auto& [id, node] : m_nodes) out.push_back(id);
    return out;
  }

 private:
  Node* load(Xapian::docid id) {
    const Xapian::Document doc = m_db.get_document(id);
    auto record = record_of(doc, false);
    if (!record) return nullptr;
    Node node{id, std::move(*record), keys_of(doc, prefix::k_family_number),
              keys_of(doc, prefix::k_family_reference)};
    return &m_nodes.emplace(id, std::move(node)).first->second;
  }

  static const AgreementRecord* find(const std::string& sha,
                                     const std::map<std::string, Node*>& by_sha) {
    const auto it = by_sha.find(sha);
    return it == by_sha.end() ? nullptr : &it->second->record;
  }

  // The parent a person set (or confirmed absent) wins; else the cited agreement of the
  // likeliest type that the most cited numbers point to, the earliest signed among equals.
  static std::optional<std::string> parent_of(const Node& node,
                                              const std::map<std::string, Node*>& by_sha,
                                              const std::set<std::string>& common) {
    const AgreementRecord& r = node.record;
    if (corrected(r, "parent")) return r.parent;
    if (r.not_agreement || node.references.empty()) return std::nullopt;
    std::set<std::string> cited(node.references.begin(), node.references.end());
    for (const std::string& key : common) cited.erase(key);
    const Node* best = nullptr;
    std::tuple<int, std::size_t, std::string> best_score;
    for (const auto& [sha, other] : by_sha) {
      if (sha == r.sha256 || other->record.not_agreement ||
          other->record.duplicate_of == r.sha256 || r.duplicate_of == sha) {
        continue;
      }
      const int rank = parent_rank(r, other->record);
      const std::size_t hits = static_cast<std::size_t>(
          std::count_if(other->numbers.begin(), other->numbers.end(),
                        [&](const std::string& key) { return cited.contains(key); }));
      if (rank == 0 || hits == 0) continue;
      // An addendum is signed by the parties of what it amends: a number that two offices
      // both happen to use ("001/MOU/I/2019") does not make another office's agreement its
      // parent. (A PKS is signed by other bodies than its MoU: its citation stands alone.)
      if (is_type(r, "addendum") && !related(r, other->record)) continue;
      // Earliest signed wins ties: a later one is more likely a rescan or a sibling.
      const std::string signed_key = other->record.signed_date.value_or("9999");
      const auto score = std::tuple(rank, hits, std::string(signed_key));
      const bool better = best == nullptr || std::get<0>(score) > std::get<0>(best_score) ||
                          (std::get<0>(score) == std::get<0>(best_score) &&
                           (std::get<1>(score) > std::get<1>(best_score) ||
                            (std::get<1>(score) == std::get<1>(best_score) &&
                             std::get<2>(score) < std::get<2>(best_score))));
      if (better) {
        best = other;
        best_score = score;
      }
    }
    if (best == nullptr) return std::nullopt;
    return best->record.sha256;
  }

  // The oldest ancestor; in a loop of parents (two agreements citing each other), the
  // smallest id of the loop, so every member agrees.
  static std::string root_of(const std::string& sha,
                             const std::map<std::string, std::optional<std::string>>& parent) {
    std::vector<std::string> path{sha};
    std::string at = sha;
    while (true) {
      const auto it = parent.find(at);
      if (it == parent.end() || !it->second) return at;
      at = *it->second;
      const auto seen = std::find(path.begin(), path.end(), at);
      if (seen != path.end()) return *std::min_element(seen, path.end());
      path.push_back(at);
    }
  }

  // The period's end after the addenda. For an agreement: the end set by the latest signed
  // of its addenda (and theirs) that sets a sound one, else its own. For an addendum: its
  // parent's, as it lives as long as what it amends. A PKS keeps its own: an MoU does not
  // extend it.
  static std::optional<std::string> effective_end(
      const std::string& sha, const std::map<std::string, std::optional<std::string>>& parent,
      const std::map<std::string, std::vector<std::string>>& children,
      const std::map<std::string, Node*>& by_sha) {
    const AgreementRecord* r = find(sha, by_sha);
    if (r == nullptr) return std::nullopt;
    // Up through addenda to the agreement amended.
    std::string top = sha;
    std::set<std::string> seen{sha};
    while (is_type(*find(top, by_sha), "addendum")) {
      const auto& p = parent.at(top);
      if (!p || !by_sha.contains(*p) || seen.contains(*p)) break;
      top = *p;
      seen.insert(top);
    }
    const AgreementRecord& agreement = *find(top, by_sha);
    // Down through the addenda of `top` (addenda of addenda too).
    const AgreementRecord* latest = nullptr;
    std::vector<std::string> stack{top};
    std::set<std::string> visited{top};
    while (!stack.empty()) {
      const std::string at = stack.back();
      stack.pop_back();
      const auto it = children.find(at);
      if (it == children.end()) continue;
      for (const std::string& child : it->second) {
        const AgreementRecord* c = find(child, by_sha);
        if (c == nullptr || !is_type(*c, "addendum") || !visited.insert(child).second) continue;
        stack.push_back(child);
        const auto& start = start_of(*c);
        const bool sound = c->end_date && (!start || *c->end_date >= *start);
        if (!sound) continue;
        if (latest == nullptr || c->signed_date.value_or("") > latest->signed_date.value_or("")) {
          latest = c;
        }
      }
    }
    if (latest != nullptr) return latest->end_date;
    return agreement.end_date;
  }

  static void add_checks(AgreementRecord& r, const AgreementRecord* parent,
                         const std::map<std::string, Node*>& by_sha,
                         const std::map<std::string, std::optional<std::string>>& parents,
                         const std::map<std::string, std::vector<std::string>>& children) {
    if (r.not_agreement) return;
    if (is_type(r, "addendum") && !r.parent && !corrected(r, "parent")) {
      r.needs_review.push_back({review::k_addendum_without_parent, "", std::nullopt});
    }
    if (!is_type(r, "pks") || parent == nullptr || !is_type(*parent, "mou")) return;
    const auto& mou_start = start_of(*parent);
    const auto mou_end = effective_end(parent->sha256, parents, children, by_sha);
    if (r.signed_date &&
        ((mou_start && *r.signed_date < *mou_start) || (mou_end && *r.signed_date > *mou_end))) {
      r.needs_review.push_back({review::k_pks_signed_outside_mou, "", parent->sha256});
    }
    if (r.effective_end() && mou_end && *r.effective_end() > *mou_end) {
      r.needs_review.push_back({review::k_pks_outlives_mou, "", *mou_end});
    }
  }

  Xapian::WritableDatabase& m_db;
  std::map<Xapian::docid, Node> m_nodes;
  std::set<std::string> m_common;  // number keys too widely shared to tie a family
};

std::optional<Xapian::docid> docid_of(Xapian::Database& db, const std::string& sha) {
  const std::string term = id_term(sha);
  auto p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return std::nullopt;
  return *p;
}

}  // namespace

std::size_t link_families(Xapian::WritableDatabase& db,
                          const std::optional<std::vector<std::string>>& only) {
  std::vector<Xapian::docid> seeds;
  if (only) {
    for (const std::string& sha : *only) {
      if (auto id = docid_of(db, sha)) seeds.push_back(*id);
    }
  } else {
    // Whatever could be in a family: what cites a number some agreement carries, what names
    // a parent, and every addendum (one without a parent is a finding too).
    auto add_postings = [&](const std::string& term) {
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) seeds.push_back(*p);
    };
    const std::string reference = prefix::k_family_reference;
    for (auto t = db.allterms_begin(reference); t != db.allterms_end(reference); ++t) {
      const std::string cited = prefix::k_family_number + (*t).substr(reference.size());
      if (db.term_exists(cited)) add_postings(*t);
    }
    const std::string parent = prefix::k_parent;
    for (auto t = db.allterms_begin(parent); t != db.allterms_end(parent); ++t) add_postings(*t);
    add_postings(std::string(prefix::k_type) + "addendum");
  }
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  // One family at a time keeps memory to one family's records.
  std::set<Xapian::docid> done;
  std::size_t changed = 0;
  for (const Xapian::docid seed : seeds) {
    if (done.contains(seed)) continue;
    FamilyPass pass(db);
    const bool whole = pass.gather({seed});
    for (const Xapian::docid id : pass.members()) done.insert(id);
    if (!whole) {
      spdlog::warn(
          "a family of more than {} agreements (around document {}) was left as it "
          "was: check what its members cite",
          k_max_component, seed);
      continue;
    }
    changed += pass.link();
  }
  return changed;
}

}  // namespace naskah::index
