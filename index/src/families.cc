// Families: an addendum and the agreement it amends, a PKS and the MoU it implements, linked
// from the numbers each cites (schema.h's XFREF and XFNUM keys) or by a person (a "parent"
// correction); the period that follows the addenda; and the checks only a family can make.
#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "naskah/index/schema.h"
#include "naskah/index/store.h"

namespace naskah::index {
namespace {

// A cited number that this many agreements carry is a common reference (a regulation, a
// framework MoU's template number), not a family tie.
constexpr Xapian::doccount k_max_shared = 50;
// However the links run, a family pass reads at most this many records.
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
  // a parent by a member, over and over.
  void gather(const std::vector<Xapian::docid>& seeds) {
    std::deque<Xapian::docid> queue(seeds.begin(), seeds.end());
    while (!queue.empty() && m_nodes.size() < k_max_component) {
      const Xapian::docid id = queue.front();
      queue.pop_front();
      if (m_nodes.contains(id)) continue;
      Node* node = load(id);
      if (node == nullptr) continue;
      auto follow = [&](const std::string& term) {
        if (m_db.get_termfreq(term) > k_max_shared) return;
        for (auto p = m_db.postlist_begin(term); p != m_db.postlist_end(term); ++p) {
          if (!m_nodes.contains(*p)) queue.push_back(*p);
        }
      };
      for (const std::string& key : node->references) follow(prefix::k_family_number + key);
      for (const std::string& key : node->numbers) follow(prefix::k_family_reference + key);
      follow(prefix::k_parent + node->record.sha256);
      if (node->record.parent) follow(id_term(*node->record.parent));
      for (const std::string& child : node->record.children) follow(id_term(child));
    }
  }

  // Links, periods and checks of every member read; replaces the documents that changed.
  std::size_t link() {
    std::map<std::string, Node*> by_sha;
    for (auto& [id, node] : m_nodes) by_sha[node.record.sha256] = &node;
    // Parents first, then children, roots, periods and checks from them.
    std::map<std::string, std::optional<std::string>> parent;
    for (auto& [sha, node] : by_sha) parent[sha] = parent_of(*node, by_sha);
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
      next.text = std::move(node->record.text);
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
    auto record = record_of(doc);
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
                                              const std::map<std::string, Node*>& by_sha) {
    const AgreementRecord& r = node.record;
    if (corrected(r, "parent")) return r.parent;
    if (r.not_agreement || node.references.empty()) return std::nullopt;
    const std::set<std::string> cited(node.references.begin(), node.references.end());
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
    pass.gather({seed});
    changed += pass.link();
    for (const Xapian::docid id : pass.members()) done.insert(id);
  }
  return changed;
}

}  // namespace naskah::index
