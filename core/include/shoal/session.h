// The one session API that every front end (CLI, GUI, RPC) is written against. LocalSession implements
// it on libtorrent in-process; a remote implementation speaks to a daemon.
//
// Threads: every method may be called from any thread. Commands are checked at once and carried out on
// the engine thread; their Result says whether they were accepted, and later failures arrive as Errored
// events. Queries return copies. Event handlers run on the engine thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shoal/add_request.h"
#include "shoal/events.h"
#include "shoal/settings.h"
#include "shoal/status.h"
#include "shoal/types.h"

namespace shoal {

class Session {
public:
    virtual ~Session() = default;

    // Commands. Adding a torrent that is already in the library merges its trackers and peers into it
    // and answers its id with `existed` set (found by hash, the library is not listed); a non-empty
    // AddRequest::savePath must be absolute.
    virtual Result<AddOutcome> addTorrent(AddRequest request) = 0;
    Result<TorrentId> add(AddRequest request) {
        auto outcome = addTorrent(std::move(request));
        if (!outcome) return outcome.error();
        return outcome.value().id;
    }
    virtual Result<void> remove(TorrentId id, RemoveMode mode) = 0;
    virtual Result<void> pause(TorrentId id) = 0;
    virtual Result<void> resume(TorrentId id) = 0;
    virtual Result<void> recheck(TorrentId id) = 0;
    virtual Result<void> reannounce(TorrentId id) = 0;
    // newSavePath must be absolute (InvalidArgument otherwise), as AddRequest::savePath must.
    virtual Result<void> moveStorage(TorrentId id, const std::string& newSavePath) = 0;
    // newPath is relative to the torrent's folder and stays inside it: no leading '/', no empty, "." or
    // ".." component (InvalidArgument otherwise).
    virtual Result<void> renameFile(TorrentId id, int fileIndex, const std::string& newPath) = 0;
    virtual Result<void> setFilePriorities(TorrentId id, const std::vector<FilePriority>& priorities) = 0;
    virtual Result<void> setSequential(TorrentId id, bool sequential) = 0;
    virtual Result<void> setLimits(TorrentId id, int downloadLimit, int uploadLimit) = 0;
    virtual Result<void> setSeedingGoals(TorrentId id, std::optional<double> ratio,
                                         std::optional<std::int64_t> seconds) = 0;
    virtual Result<void> moveInQueue(TorrentId id, QueueMove move) = 0;
    virtual Result<void> setCategory(TorrentId id, const std::string& category) = 0;
    virtual Result<void> setTags(TorrentId id, const std::vector<std::string>& tags) = 0;
    virtual Result<void> addTrackers(TorrentId id, const std::vector<std::string>& urls) = 0;
    // Makes `urls` the torrent's whole tracker list, one tier each in this order (the GUI's edit and
    // remove). Not pure: a session that cannot do it says so.
    virtual Result<void> replaceTrackers(TorrentId id, const std::vector<std::string>& urls) {
        (void)id;
        (void)urls;
        return makeError(ErrorCode::InvalidArgument, "this session cannot replace trackers");
    }
    virtual Result<void> connectPeer(TorrentId id, const std::string& endpoint) = 0;
    virtual Result<void> applySettings(const Settings& settings) = 0;

    // Queries.
    virtual std::vector<TorrentStatus> torrents() const = 0;
    virtual std::optional<TorrentStatus> status(TorrentId id) const = 0;
    virtual Result<TorrentDetails> details(TorrentId id) = 0;
    // The details of many torrents, those gone left out: for a listing that needs them for hundreds
    // of torrents (RPC torrent-get), one trip to the engine instead of one per torrent.
    virtual std::vector<TorrentDetails> detailsOf(const std::vector<TorrentId>& ids) {
        std::vector<TorrentDetails> out;
        for (TorrentId id : ids)
            if (auto got = details(id)) out.push_back(std::move(got.value()));
        return out;
    }
    virtual SessionTotals totals() const = 0;
    // What is stored, and what applySettings() changes.
    virtual Settings settings() const = 0;
    // What the engine runs with: the stored settings with this run's overrides on top (a daemon's
    // --no-dht or --listen). What a status display shows; never what a preferences form saves.
    virtual Settings effectiveSettings() const { return settings(); }

    // The daily traffic history of one torrent (kNoTorrent: every torrent together, removed ones
    // included), oldest first, the last `days` days with traffic. Written every 30 s and at shutdown.
    virtual Result<std::vector<TrafficDay>> trafficHistory(TorrentId id, int days) {
        (void)id;
        (void)days;
        return makeError(ErrorCode::InvalidArgument, "this session keeps no traffic history");
    }

    // Events.
    virtual SubscriptionId subscribe(EventHandler handler) = 0;
    virtual void unsubscribe(SubscriptionId id) = 0;
};

}  // namespace shoal
