// LocalSession::Impl: the state shared by the engine files. Which thread may touch what is said per
// member: "engine" members belong to the engine thread alone; the rest are guarded as noted.
#pragma once

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/alert.hpp>
#include <libtorrent/alert_types.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_status.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/engine_queue.h"
#include "engine/registry.h"
#include "engine/resume_scheduler.h"
#include "engine/torrent_book.h"
#include "shoal/event_hub.h"
#include "shoal/local_session.h"
#include "store/store.h"

namespace shoal {

namespace engine {

// libtorrent carries an opaque pointer per torrent (client_data_t). Shoal stores the torrent's id in it
// as an integer, never dereferenced, so an alert for a torrent already erased is harmless.
struct TorrentIdTag;
lt::client_data_t idToUserdata(TorrentId id);
TorrentId idFromHandle(const lt::torrent_handle& handle);
TorrentId idFromUserdata(const lt::client_data_t& data);

std::string toHex(const std::string& bytes);
std::string fromHex(const std::string& hex);  // empty on malformed input
std::string toHex(const lt::sha1_hash& hash);
std::string toHex(const lt::sha256_hash& hash);
InfoHashes hashesOf(const lt::info_hash_t& hashes);
Result<lt::tcp::endpoint> parseEndpoint(const std::string& text);  // "ip:port" or "[v6]:port"

// lt::torrent_status + Shoal's entry -> the snapshot front ends see. Every status read goes through here
// and is counted first (TorrentEntry::observe), so no reading of the transfer counters is skipped.
TorrentStatus makeStatus(const lt::torrent_status& st, TorrentEntry& entry, const Settings& settings);
// The snapshot's fields that come from the library row alone (limits, goals, category, tags).
void showRowFields(TorrentStatus& s, const store::TorrentRow& row, const Settings& settings);
TorrentDetails makeDetails(const lt::torrent_handle& handle, TorrentEntry& entry, const Settings& settings);

}  // namespace engine

struct LocalSession::Impl {
    explicit Impl(LocalSessionOptions opts) : options(std::move(opts)) {}

    LocalSessionOptions options;
    std::unique_ptr<store::Store> store;

    // Settings (settingsMutex).
    mutable std::mutex settingsMutex;
    Settings stored;     // the user's choice, persisted
    Settings effective;  // stored + this run's overrides

    std::unique_ptr<lt::session> session;  // engine thread only, after start
    std::thread thread;
    std::atomic<bool> stopped{false};
    int lockFd = -1;  // flock on the profile, held for the session's life

    engine::EngineQueue queue;  // the engine thread's inbox; knows which thread is the engine

    engine::Registry registry;  // what any thread may read: snapshots, ids by hash, totals

    EventHub events;  // subscribers; handlers run on the engine thread

    // Engine thread only.
    engine::TorrentBook book{queue};
    engine::ResumeScheduler resumes{queue};
    engine::Clock::time_point nextTick{};
    engine::Clock::time_point nextStatsSave{};
    bool altSpeedInForce = false;  // engine thread: the limits last applied were the alternative ones
    store::Statistics statsAtStart;
    std::int64_t removedDownloaded = 0;  // this run's payload of torrents removed since start
    std::int64_t removedUploaded = 0;
    std::vector<store::TorrentTraffic> removedTraffic;  // their history not yet written
    int dhtNodesMetric = -1;
    std::map<std::string, TorrentId> pendingDeletes;  // best info-hash hex -> id, until files are deleted
    bool shuttingDown = false;
    // Restoring a library allocates a burst (metainfo, resume data, libtorrent's adds) that glibc keeps
    // resident once freed; it is handed back once every restored torrent is in libtorrent.
    bool trimAfterRestore = false;
    std::deque<store::StoredTorrent> restoreQueue;  // stored torrents not yet handed to libtorrent
    int restoreInFlight = 0;                         // handed over, add_torrent_alert not yet handled

    // engine_thread.cpp
    void start();
    void run();
    void post(std::function<void()> command) { queue.post(std::move(command)); }
    // Runs `fn` on the engine thread and waits (bounded) for its result; inline when already there.
    template <class T>
    Result<T> call(std::function<Result<T>()> fn);
    // The exception boundary: libtorrent's handle calls throw (a torrent removed meanwhile, a libtorrent
    // error); one failure is logged and, when it concerns a torrent, marks that torrent errored.
    // The engine thread goes on either way.
    void guarded(const char* what, const std::function<void()>& fn) noexcept;
    void guardedOnTorrent(const char* what, TorrentId id, const std::function<void(engine::TorrentEntry&)>& fn) noexcept;
    void stopEngine();
    void runOnEngineAndWait(const char* what, std::function<void()> fn);
    void saveEverythingForShutdown();
    void tick();
    void persistStatistics();  // statistics, per-torrent counters and today's history
    void recomputeTotals();    // the session's totals from every torrent's counters

    // events
    void emit(const Event& event);

    // alert_router.cpp: the boundary, and one named handler per alert type, by domain
    void handleAlerts();
    void handleAlert(lt::alert* alert);
    void resyncAfterDroppedAlerts(const lt::alerts_dropped_alert& a);
    // alerts_lifecycle.cpp
    void onAdded(const lt::add_torrent_alert& a);
    void adopt(engine::TorrentEntry& entry, const lt::torrent_handle& handle);
    void onRemoved(const lt::torrent_removed_alert& a);
    void onDeleted(const lt::torrent_deleted_alert& a);
    void onDeleteFailed(const lt::torrent_delete_failed_alert& a);
    void finishRemoval(TorrentId id);
    void onResumeSaved(const lt::save_resume_data_alert& a);
    void onMetadataReceived(engine::TorrentEntry& entry);
    void onFinished(engine::TorrentEntry& entry);
    void onStateChanged(engine::TorrentEntry& entry, std::optional<lt::torrent_status::state_t> prev);
    // alerts_storage.cpp
    void onResumeRejected(engine::TorrentEntry& entry, const lt::fastresume_rejected_alert& a);
    void onDiskJobsFlushed(engine::TorrentEntry& entry);
    void onFileError(engine::TorrentEntry& entry, const lt::file_error_alert& a);
    void onTorrentError(engine::TorrentEntry& entry, const lt::torrent_error_alert& a);
    void onStorageMoved(engine::TorrentEntry& entry, const lt::storage_moved_alert& a);
    void onStorageMoveFailed(engine::TorrentEntry& entry, const lt::storage_moved_failed_alert& a);
    void onRenameFailed(engine::TorrentEntry& entry, const lt::file_rename_failed_alert& a);
    // alerts_network.cpp
    void onListening(const lt::listen_succeeded_alert& a);
    void onListenFailed(const lt::listen_failed_alert& a);
    void onHashFailed(engine::TorrentEntry& entry, const lt::hash_failed_alert& a);
    void onPeerBanned(engine::TorrentEntry& entry, const lt::peer_ban_alert& a);
    // alerts_status.cpp
    void onStateUpdate(const std::vector<lt::torrent_status>& statuses);
    void onSessionStats(const lt::session_stats_alert& a);

    // torrent_lifecycle.cpp
    void restoreLibrary();
    void restoreNextChunk();
    void restoreLanded(engine::TorrentEntry& entry);
    void addOnEngine(TorrentId id, lt::add_torrent_params params, store::TorrentRow row,
                     std::vector<std::string> peers);
    void giveToSession(engine::TorrentEntry& entry, lt::add_torrent_params params);  // async_add_torrent
    void markErrored(engine::TorrentEntry& entry, const std::string& message);
    void putRow(const engine::TorrentEntry& entry);
    void showRow(const engine::TorrentEntry& entry);  // the snapshot's fields that come from the row
    void connectDirectPeers(engine::TorrentEntry& entry);
    void checkSeedingGoals(const lt::torrent_status& st, engine::TorrentEntry& entry);

    Settings effectiveSettings() const;
};

template <class T>
Result<T> LocalSession::Impl::call(std::function<Result<T>()> fn) {
    static constexpr auto run = [](const std::function<Result<T>()>& f) -> Result<T> {
        try {
            return f();
        } catch (const std::exception& e) {
            return makeError(ErrorCode::Internal, e.what());
        }
    };
    // An event handler (on the engine thread) asking for details must not wait on itself.
    if (queue.onEngine()) return run(fn);
    auto promise = std::make_shared<std::promise<Result<T>>>();
    auto future = promise->get_future();
    post([fn = std::move(fn), promise] { promise->set_value(run(fn)); });
    if (future.wait_for(std::chrono::seconds(15)) != std::future_status::ready)
        return makeError(ErrorCode::Timeout, "the engine did not answer within 15 s");
    return future.get();
}

namespace engine {

inline std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A command on one torrent: checked now (unknown id -> NotFound), carried out on the engine thread, where
// an id removed in the meantime is ignored.
inline Error notFound(TorrentId id) { return makeError(ErrorCode::NotFound, "no torrent with id " + std::to_string(id)); }

template <class Fn>
Result<void> onTorrent(LocalSession::Impl* impl, TorrentId id, Fn fn) {
    if (!impl->registry.contains(id)) return notFound(id);
    impl->post([impl, id, fn = std::move(fn)]() mutable { impl->guardedOnTorrent("command", id, fn); });
    return {};
}

// A change of one torrent, the one path every change takes: `change` updates the row (and returns true
// if the row must be persisted), at once on the engine thread; `apply` puts it into libtorrent, now if
// the torrent is added, else the moment it is (a stop sent right after an add is not lost).
template <class Change, class Apply>
Result<void> changeTorrent(LocalSession::Impl* impl, TorrentId id, Change change, Apply apply) {
    return onTorrent(impl, id, [impl, change = std::move(change), apply = std::move(apply)](TorrentEntry& e) mutable {
        if (change(e)) {
            impl->putRow(e);
            impl->showRow(e);
        }
        if (e.handle.is_valid()) apply(e);
        else if (e.addPending) e.untilAdded.emplace_back(std::move(apply));
    });
}

inline bool unchanged(TorrentEntry&) { return false; }

// Runs `step` now, or, if libtorrent holds the torrent in a disk error (upload mode or error state),
// once the disk jobs issued before it have finished (cache_flushed_alert).
void afterEarlierDiskJobs(TorrentEntry& e, std::function<void(TorrentEntry&)> step);

// The torrent's metadata: libtorrent's once it has the torrent, else what the add was given (none for a
// magnet whose metadata has not arrived).
inline std::shared_ptr<const lt::torrent_info> metadataOf(const TorrentEntry& e) {
    if (e.handle.is_valid()) return e.handle.torrent_file();
    return e.info;
}
}  // namespace engine

}  // namespace shoal
