// Which reminders are due to whom: the windows, the offices, and what was sent before.
#include <algorithm>

#include "naskah/core/clock.h"
#include "naskah/core/sha256.h"
#include "naskah/core/url.h"
#include "naskah/index/schema.h"
#include "naskah/remind/remind.h"

namespace naskah::remind {
namespace {

// Agreements only: not a letter, not a copy of another, and not an addendum of an agreement
// in the archive (it ends with that agreement, which is reminded of).
bool remindable(const AgreementRecord& r) {
  if (r.not_agreement || r.duplicate_of) return false;
  if (r.doc_type && *r.doc_type == "addendum" && r.parent) return false;
  return !(r.doc_type && *r.doc_type == "other");
}

bool for_recipient(const Recipient& recipient, const AgreementRecord& r) {
  if (recipient.offices.empty()) return true;
  if (!r.office) return false;
  // Compared as the index files offices: "Kanwil  Lampung" and "kanwil lampung" are one.
  const std::string office = index::term_key(*r.office);
  return std::any_of(recipient.offices.begin(), recipient.offices.end(),
                     [&](const std::string& o) { return index::term_key(o) == office; });
}

}  // namespace

std::string Recipient::channel() const {
  if (!email.empty()) return "mailto:" + email;
  return url_origin(webhook) + "/… #" + sha256_hex(webhook).substr(0, 12);
}

std::string reminder_key(const Item& item) {
  return item.record.sha256 + "|" + item.end + "|" +
         (item.window == 0 ? std::string("ended") : std::to_string(item.window));
}

std::vector<Digest> plan(const search::Report& report, const State& state, const Options& options) {
  const std::string today = options.today.empty() ? today_iso() : options.today;
  std::vector<int> windows = options.windows;
  std::sort(windows.begin(), windows.end());
  std::vector<Digest> out;
  for (const Recipient& recipient : options.recipients) {
    const std::string channel = recipient.channel();
    const nlohmann::json sent = state.sent.value(channel, nlohmann::json::object());
    // What ended since this recipient was last written to (or, the first time, lately).
    const std::string since =
        state.last_run.value(channel, add_days(today, -options.first_run_lookback_days));
    Digest digest{recipient, {}, {}, {}, {}, {}};
    for (const search::ReportRow& row : report.expiring) {
      const AgreementRecord& r = row.record;
      if (!remindable(r) || !for_recipient(recipient, r) || !r.effective_end()) continue;
      const std::string end = *r.effective_end();
      const int left = days_between(today, end);
      // The narrowest window it is in: 25 days left is the 30-day reminder, once.
      const auto window = std::find_if(windows.begin(), windows.end(),
                                       [&](int w) { return left >= 0 && left <= w; });
      if (window == windows.end()) continue;
      Item item{r, end, left, *window};
      if (sent.contains(reminder_key(item))) continue;
      digest.ending.push_back(std::move(item));
    }
    for (const search::ReportRow& row : report.expired) {
      const AgreementRecord& r = row.record;
      if (!remindable(r) || !for_recipient(recipient, r) || !r.effective_end()) continue;
      const std::string end = *r.effective_end();
      if (end < since || end >= today) continue;
      Item item{r, end, days_between(end, today), 0};
      if (sent.contains(reminder_key(item))) continue;
      digest.ended.push_back(std::move(item));
    }
    if (digest.ending.empty() && digest.ended.empty()) continue;
    auto by_days = [](const Item& a, const Item& b) { return a.days < b.days; };
    std::stable_sort(digest.ending.begin(), digest.ending.end(), by_days);
    std::stable_sort(digest.ended.begin(), digest.ended.end(), by_days);
    compose(digest, options);
    out.push_back(std::move(digest));
  }
  return out;
}

}  // namespace naskah::remind
