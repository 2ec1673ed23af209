#include "naskah/ingest/corrections.h"

#include "naskah/core/clock.h"
#include "naskah/core/correction.h"
#include "naskah/index/store.h"
#include "naskah/ingest/archive.h"

namespace naskah::ingest {

Result<AgreementRecord> correct(const DataDir& data, const CorrectionRequest& request,
                                std::chrono::milliseconds lock_timeout) {
  Archive archive(data.archive());
  if (request.changes.empty()) return fail(codes::k_usage_invalid, "no field to correct");
  auto stored = archive.load(request.id);
  if (!stored) return tl::unexpected(stored.error());
  auto kept = archive.corrections(request.id);
  if (!kept) return tl::unexpected(kept.error());
  auto before = apply_corrections(stored->record, *kept);
  if (!before) return tl::unexpected(before.error());

  // All checked first: a request is kept whole or not at all.
  std::vector<Correction> added;
  const std::string when = utc_now_iso();
  AgreementRecord now = *before;
  for (const auto& [field, value] : request.changes) {
    auto checked = checked_value(field, value);
    if (!checked) return tl::unexpected(checked.error());
    // The fields that name another agreement: duplicate_of and parent.
    if (checked->is_string() && (field == "duplicate_of" || field == "parent")) {
      if (*checked == request.id) {
        return fail(codes::k_usage_invalid, field + ": must name another agreement, not itself");
      }
      if (!archive.has_record(checked->get<std::string>())) {
        return fail(codes::k_usage_invalid, field + ": there is no agreement with that id");
      }
    }
    added.push_back({field, *checked, field_value(now, field), request.who, when, request.reason});
    auto next = apply_corrections(now, {added.back()});
    if (!next) return tl::unexpected(next.error());
    now = std::move(*next);
  }
  std::vector<Correction> all = *kept;
  all.insert(all.end(), added.begin(), added.end());
  auto effective = apply_corrections(stored->record, all);
  if (!effective) return tl::unexpected(effective.error());
  if (auto period = check_period(*effective); !period) return tl::unexpected(period.error());

  for (const Correction& c : added) {
    if (auto appended = archive.add_correction(request.id, c); !appended) {
      return tl::unexpected(appended.error());
    }
  }
  auto writer = index::Writer::open(data.index(), lock_timeout);
  if (!writer) return tl::unexpected(writer.error());
  if (auto put = writer->put(*effective); !put) return tl::unexpected(put.error());
  if (auto committed = writer->commit(); !committed) return tl::unexpected(committed.error());
  return effective;
}

Result<nlohmann::ordered_json> history(const DataDir& data, const std::string& id) {
  const Archive archive(data.archive());
  auto stored = archive.load(id);
  if (!stored) return tl::unexpected(stored.error());
  auto corrections = archive.corrections(id);
  if (!corrections) return tl::unexpected(corrections.error());
  auto effective = apply_corrections(stored->record, *corrections);
  if (!effective) return tl::unexpected(effective.error());
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const std::string& field : correctable_fields()) {
    nlohmann::ordered_json entry = {{"parsed", field_value(stored->record, field)},
                                    {"now", field_value(*effective, field)},
                                    {"corrections", nlohmann::ordered_json::array()}};
    for (const Correction& c : *corrections) {
      if (c.field == field) entry["corrections"].push_back(to_json(c));
    }
    fields[field] = entry;
  }
  return nlohmann::ordered_json{{"id", id}, {"fields", fields}};
}

}  // namespace naskah::ingest
