#include "family.h"

#include <algorithm>
#include <map>

#include "naskah/index/document.h"
#include "naskah/index/schema.h"
#include "naskah/search/report.h"

namespace naskah::search {
namespace {

// A family larger than this is shown cut (the tree is for people).
constexpr std::size_t k_max_members = 200;

}  // namespace

Result<std::optional<Family>> family_of(const Xapian::Database& db, const std::string& id,
                                        const std::string& today, int expiring_days) {
  const std::string id_term = index::id_term(id);
  auto posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) return std::optional<Family>{};
  const Xapian::Document doc = db.get_document(*posting);
  auto record = index::record_of(doc, false);
  if (!record) return tl::unexpected(record.error());
  Family family;
  family.record = std::move(*record);
  const std::string flag = index::prefix::k_flag;
  Xapian::TermIterator t = doc.termlist_begin();
  for (t.skip_to(flag); t != doc.termlist_end() && (*t).starts_with(flag); ++t) {
    family.flags.push_back((*t).substr(flag.size()));
  }
  const std::string root = family.record.family_root.value_or(family.record.sha256);
  // Every document filed under the root, then ordered parent before children.
  std::map<std::string, AgreementRecord> members;
  const std::string term = std::string(index::prefix::k_family) + root;
  for (auto p = db.postlist_begin(term);
       p != db.postlist_end(term) && members.size() < k_max_members; ++p) {
    auto member = index::record_of(db.get_document(*p), false);
    if (member) members.emplace(member->sha256, std::move(*member));
  }
  if (members.empty()) members.emplace(family.record.sha256, family.record);
  std::vector<std::string> order;
  std::vector<std::string> stack{members.contains(root) ? root : family.record.sha256};
  while (!stack.empty()) {
    const std::string at = stack.back();
    stack.pop_back();
    if (!members.contains(at) || std::find(order.begin(), order.end(), at) != order.end()) continue;
    order.push_back(at);
    const auto& children = members.at(at).children;
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }
  for (const auto& [sha, member] : members) {  // members not reached from the root, last
    if (std::find(order.begin(), order.end(), sha) == order.end()) order.push_back(sha);
  }
  for (const std::string& sha : order) {
    AgreementRecord& member = members.at(sha);
    const std::string status = status_of(member.effective_end(), today, expiring_days);
    family.members.push_back({std::move(member), status});
  }
  return std::optional<Family>(std::move(family));
}

nlohmann::ordered_json to_json(const Family& family) {
  const nlohmann::ordered_json record = to_json(family.record, false);
  nlohmann::ordered_json out;
  for (const char* key :
       {"parent", "children", "family_root", "effective_end_date", "needs_review", "warnings"}) {
    out[key] = record[key];
  }
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (const FamilyMember& m : family.members) {
    const nlohmann::ordered_json r = to_json(m.record, false);
    nlohmann::ordered_json member = {{"id", r["sha256"]}};
    for (const char* key : {"parent", "doc_type", "title", "numbers", "signed_date", "end_date",
                            "effective_end_date"}) {
      member[key] = r[key];
    }
    member["status"] = m.status;
    members.push_back(std::move(member));
  }
  out["checks"] = findings_json(family.flags);
  out["family"] = std::move(members);
  return out;
}

}  // namespace naskah::search
