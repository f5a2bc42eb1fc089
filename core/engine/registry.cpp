// The registry of snapshots: see registry.h.
#include "engine/registry.h"

#include <algorithm>
#include <mutex>

namespace shoal::engine {

bool Registry::contains(TorrentId id) const {
    std::shared_lock lock(mutex_);
    return snapshots_.count(id) != 0;
}

std::optional<TorrentStatus> Registry::find(TorrentId id) const {
    std::shared_lock lock(mutex_);
    auto it = snapshots_.find(id);
    if (it == snapshots_.end()) return std::nullopt;
    return it->second;
}

std::vector<TorrentStatus> Registry::all() const {
    std::shared_lock lock(mutex_);
    std::vector<TorrentStatus> out;
    out.reserve(snapshots_.size());
    for (const auto& [id, status] : snapshots_) out.push_back(status);
    return out;
}

SessionTotals Registry::totals() const {
    std::shared_lock lock(mutex_);
    return totals_;
}

std::pair<TorrentId, bool> Registry::findOrReserve(const InfoHashes& hashes,
                                                   const std::function<TorrentStatus(TorrentId)>& make) {
    std::unique_lock lock(mutex_);
    for (const std::string* hash : {&hashes.v1, &hashes.v2}) {
        if (hash->empty()) continue;
        if (auto it = idsByHash_.find(*hash); it != idsByHash_.end()) return {it->second, true};
    }
    const TorrentId id = ++lastId_;
    TorrentStatus status = make(id);
    status.id = id;
    snapshots_[id] = std::move(status);
    mapHashes(id, hashes);
    return {id, false};
}

void Registry::insert(TorrentStatus status) {
    std::unique_lock lock(mutex_);
    const TorrentId id = status.id;
    const InfoHashes hashes = status.hashes;
    snapshots_[id] = std::move(status);
    mapHashes(id, hashes);
}

void Registry::put(TorrentStatus status) {
    std::unique_lock lock(mutex_);
    snapshots_[status.id] = std::move(status);
}

void Registry::putAll(std::vector<TorrentStatus> statuses) {
    std::unique_lock lock(mutex_);
    for (auto& status : statuses) snapshots_[status.id] = std::move(status);
}

void Registry::setHashes(TorrentId id, const InfoHashes& hashes) {
    std::unique_lock lock(mutex_);
    mapHashes(id, hashes);
    if (auto it = snapshots_.find(id); it != snapshots_.end()) {
        if (!hashes.v1.empty()) it->second.hashes.v1 = hashes.v1;
        if (!hashes.v2.empty()) it->second.hashes.v2 = hashes.v2;
    }
}

void Registry::update(TorrentId id, const std::function<void(TorrentStatus&)>& change) {
    std::unique_lock lock(mutex_);
    if (auto it = snapshots_.find(id); it != snapshots_.end()) change(it->second);
}

void Registry::erase(TorrentId id) {
    std::unique_lock lock(mutex_);
    auto it = snapshots_.find(id);
    if (it == snapshots_.end()) return;
    for (const std::string* hash : {&it->second.hashes.v1, &it->second.hashes.v2}) {
        if (auto found = idsByHash_.find(*hash); found != idsByHash_.end() && found->second == id)
            idsByHash_.erase(found);
    }
    snapshots_.erase(it);
}

void Registry::raiseLastId(TorrentId id) {
    std::unique_lock lock(mutex_);
    lastId_ = std::max(lastId_, id);
}

void Registry::updateTotals(
    const std::function<void(SessionTotals&, const std::map<TorrentId, TorrentStatus>&)>& change) {
    std::unique_lock lock(mutex_);
    change(totals_, snapshots_);
}

void Registry::mapHashes(TorrentId id, const InfoHashes& hashes) {
    if (!hashes.v1.empty()) idsByHash_[hashes.v1] = id;
    if (!hashes.v2.empty()) idsByHash_[hashes.v2] = id;
}

}  // namespace shoal::engine
