// What any thread may read about the torrents: their snapshots, their ids by info-hash, the session's
// totals, and the last id given. Written by the engine thread, and by add() reserving an id. Every member
// takes the registry's own lock and calls nothing outside it while holding it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shoal/status.h"
#include "shoal/types.h"

namespace shoal::engine {

class Registry {
public:
    bool contains(TorrentId id) const;
    std::optional<TorrentStatus> find(TorrentId id) const;
    std::vector<TorrentStatus> all() const;
    SessionTotals totals() const;

    // The torrent with one of these hashes ({id, true}), or a new id whose snapshot `make(id)` gives
    // ({id, false}): one step under the lock, so that two adds of one torrent cannot both get a new id.
    std::pair<TorrentId, bool> findOrReserve(const InfoHashes& hashes,
                                             const std::function<TorrentStatus(TorrentId)>& make);
    void insert(TorrentStatus status);                       // a snapshot and its hashes (restore)
    void put(TorrentStatus status);                          // a newer snapshot of a torrent
    void putAll(std::vector<TorrentStatus> statuses);        // a tick's changes, under one lock
    void setHashes(TorrentId id, const InfoHashes& hashes);  // known once a magnet's metadata came
    void update(TorrentId id, const std::function<void(TorrentStatus&)>& change);  // if it is there
    void erase(TorrentId id);
    void raiseLastId(TorrentId id);
    // The totals, changed with every snapshot in view (rates and counts are sums over them).
    void updateTotals(
        const std::function<void(SessionTotals&, const std::map<TorrentId, TorrentStatus>&)>& change);

private:
    void mapHashes(TorrentId id, const InfoHashes& hashes);

    mutable std::shared_mutex mutex_;
    std::map<TorrentId, TorrentStatus> snapshots_;
    std::unordered_map<std::string, TorrentId> idsByHash_;  // v1 and v2 hex
    SessionTotals totals_;
    TorrentId lastId_ = 0;
};

}  // namespace shoal::engine
