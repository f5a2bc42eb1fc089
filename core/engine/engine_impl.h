// LocalSession::Impl: the state shared by the engine files. Which thread may touch what is said per
// member: "engine" members belong to the engine thread alone; the rest are guarded as noted.
#pragma once

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/alert.hpp>
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
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "shoal/local_session.h"
#include "store/store.h"

namespace shoal {

namespace engine {

using Clock = std::chrono::steady_clock;

// What the engine knows of one torrent beyond libtorrent's own state.
struct TorrentEntry {
    store::TorrentRow row;              // persisted columns, kept current and re-put on change
    lt::torrent_handle handle;          // invalid until add_torrent_alert
    // "ip:port" peers the user named. libtorrent ignores connect_peer while a torrent is paused (as queued
    // and restored torrents are at first), so they are connected again whenever it starts.
    std::vector<std::string> directPeers;
    Clock::time_point lastDirectConnect{};
    std::string error;                  // sticky error (files missing, disk) until resume/recheck
    std::int64_t totalSize = 0;         // payload size, read once the metadata is known (ticks lack it)
    int hashFailures = 0;
    bool finishedThisRun = false;
    bool removing = false;
    bool checkedAfterRejectedResume = false;
};

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

// lt::torrent_status + Shoal's entry -> the snapshot front ends see.
TorrentStatus makeStatus(const lt::torrent_status& st, const TorrentEntry& entry, const Settings& settings);
TorrentDetails makeDetails(const lt::torrent_handle& handle, const TorrentEntry& entry, const Settings& settings);

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

    // Wake-ups of the engine thread (queueMutex).
    std::mutex queueMutex;
    std::condition_variable queueCv;
    std::deque<std::function<void()>> commands;
    bool alertsReady = false;
    bool stopRequested = false;

    // What any thread may read (registryMutex); written by the engine, and by add() reserving an id.
    mutable std::shared_mutex registryMutex;
    std::map<TorrentId, TorrentStatus> snapshots;
    std::unordered_map<std::string, TorrentId> idsByHash;  // v1 and v2 hex
    SessionTotals totals;
    TorrentId lastId = 0;

    // Subscribers (subsMutex).
    std::mutex subsMutex;
    std::map<SubscriptionId, EventHandler> subscribers;
    SubscriptionId nextSubscription = 1;

    // Engine thread only.
    std::map<TorrentId, engine::TorrentEntry> entries;
    int outstandingSaves = 0;
    engine::Clock::time_point nextTick{};
    engine::Clock::time_point nextResumeSave{};
    engine::Clock::time_point nextStatsSave{};
    bool altSpeedInForce = false;  // engine thread: the limits last applied were the alternative ones
    store::Statistics statsAtStart;
    std::int64_t removedDownloaded = 0;  // this run's payload of torrents removed since start
    std::int64_t removedUploaded = 0;
    int dhtNodesMetric = -1;
    std::map<std::string, TorrentId> pendingDeletes;  // best info-hash hex -> id, until files are deleted
    bool shuttingDown = false;

    // engine_thread.cpp
    void start();
    void run();
    void post(std::function<void()> command);
    // Runs `fn` on the engine thread and waits (bounded) for its result.
    template <class T>
    Result<T> call(std::function<Result<T>()> fn);
    void stopEngine();
    void tick();
    void saveResumeData(engine::TorrentEntry& entry, bool onlyIfModified);
    void saveAllResumeData(bool onlyIfModified);
    void persistStatistics();

    // events
    void emit(const Event& event);

    // alert_router.cpp
    void handleAlerts();
    void handleAlert(lt::alert* alert);
    void onStateUpdate(const std::vector<lt::torrent_status>& statuses);
    void onAdded(lt::add_torrent_alert* alert);
    void finishRemoval(TorrentId id);

    // torrent_lifecycle.cpp
    void restoreLibrary();
    void addOnEngine(TorrentId id, lt::add_torrent_params params, store::TorrentRow row,
                     std::vector<std::string> peers);
    void markErrored(engine::TorrentEntry& entry, const std::string& message);
    void putRow(const engine::TorrentEntry& entry);
    void connectDirectPeers(engine::TorrentEntry& entry);
    void checkSeedingGoals(const lt::torrent_status& st, engine::TorrentEntry& entry);

    // registry helpers (take registryMutex themselves)
    bool exists(TorrentId id) const;
    void setSnapshot(const TorrentStatus& status);
    void eraseSnapshot(TorrentId id);
    Settings effectiveSettings() const;
};

template <class T>
Result<T> LocalSession::Impl::call(std::function<Result<T>()> fn) {
    auto promise = std::make_shared<std::promise<Result<T>>>();
    auto future = promise->get_future();
    post([fn = std::move(fn), promise] { promise->set_value(fn()); });
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
    if (!impl->exists(id)) return notFound(id);
    impl->post([impl, id, fn = std::move(fn)]() mutable {
        auto it = impl->entries.find(id);
        if (it == impl->entries.end() || it->second.removing) return;
        fn(it->second);
    });
    return {};
}
}  // namespace engine

}  // namespace shoal
