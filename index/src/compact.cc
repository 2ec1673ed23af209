#include "naskah/index/compact.h"

#include <optional>

#include "naskah/index/shards.h"
#include "naskah/index/store.h"

namespace naskah::index {
namespace {

Result<void> check_compactable(const std::vector<std::string>& shards) {
  if (shards.empty()) {
    return fail(codes::k_usage_invalid,
                "name the shards to merge (folders), or list them in index.shards");
  }
  if (auto checked = check_shards(shards); !checked) return checked;
  for (const std::string& shard : shards) {
    if (parse_remote(shard)) {
      return fail(codes::k_usage_invalid,
                  "compaction reads database folders, not remote shards: run it where the "
                  "shard's folder is, or copy the folder here",
                  shard);
    }
  }
  return {};
}

}  // namespace

Result<Compacted> compact(const Compaction& compaction) {
  if (auto checked = check_compactable(compaction.shards); !checked) {
    return tl::unexpected(checked.error());
  }
  // Installing takes the index's write lock first, so no ingest writes to the generation
  // being replaced.
  std::optional<WriteLock> lock;
  if (compaction.install) {
    auto acquired = WriteLock::acquire(compaction.into, compaction.lock_timeout);
    if (!acquired) return tl::unexpected(acquired.error());
    lock.emplace(std::move(*acquired));
  }
  auto builder = compaction.install ? Builder::new_generation(compaction.into)
                                    : Builder::standalone(compaction.into);
  if (!builder) return tl::unexpected(builder.error());
  auto dropped = builder->merge_shards(compaction.shards);
  if (!dropped) return tl::unexpected(dropped.error());
  Compacted compacted{builder->count(), *dropped, builder->path()};
  if (auto finished = builder->finish(lock ? &*lock : nullptr); !finished) {
    return tl::unexpected(finished.error());
  }
  return compacted;
}

}  // namespace naskah::index
