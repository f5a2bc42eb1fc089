// The engine thread: the only thread that calls libtorrent. It wakes on commands, on alerts (via
// set_alert_notify) and on its tick, in the shape of libtorrent's bt-get3 example loop.
#include <libtorrent/session_stats.hpp>

#include <spdlog/spdlog.h>

#include "engine/engine_impl.h"
#include "engine/settings_mapping.h"

namespace shoal {

using engine::Clock;

void LocalSession::Impl::post(std::function<void()> command) {
    {
        std::lock_guard lock(queueMutex);
        commands.push_back(std::move(command));
    }
    queueCv.notify_one();
}

void LocalSession::Impl::start() {
    const Settings settings = effectiveSettings();
    lt::session_params params;
    altSpeedInForce = altSpeedActive(settings, engine::unixNow());
    params.settings = engine::toSettingsPack(settings, altSpeedInForce);
    if (auto dht = store->loadSetting("dht_state")) {
        // DHT routing table of the last run, so restarts do not bootstrap from scratch.
        const std::string buf = engine::fromHex(*dht);
        lt::error_code ec;
        lt::bdecode_node node = lt::bdecode(buf, ec);
        if (!ec) params.dht_state = lt::read_session_params(node, lt::session_handle::save_dht_state).dht_state;
    }
    session = std::make_unique<lt::session>(std::move(params));
    session->set_peer_class_filter(engine::peerClassFilterForLimits());
    session->set_alert_notify([this] {
        // Called on libtorrent's network thread: only wake the engine thread.
        {
            std::lock_guard lock(queueMutex);
            alertsReady = true;
        }
        queueCv.notify_one();
    });
    dhtNodesMetric = lt::find_metric_idx("dht.dht_nodes");
    statsAtStart = store->loadStatistics();
    statsAtStart.sessionsStarted += 1;
    store->putStatistics(statsAtStart);

    restoreLibrary();
    const auto now = Clock::now();
    nextTick = now;
    nextResumeSave = now + std::chrono::seconds(settings.resumeSaveIntervalSeconds);
    nextStatsSave = now + std::chrono::seconds(30);
    thread = std::thread([this] { run(); });
}

void LocalSession::Impl::run() {
    for (;;) {
        std::deque<std::function<void()>> batch;
        bool alerts = false;
        {
            std::unique_lock lock(queueMutex);
            queueCv.wait_until(lock, nextTick, [&] { return !commands.empty() || alertsReady || stopRequested; });
            batch.swap(commands);
            alerts = alertsReady;
            alertsReady = false;
            if (stopRequested && batch.empty()) break;
        }
        for (auto& command : batch) command();
        if (alerts) handleAlerts();
        if (Clock::now() >= nextTick) tick();
    }
}

void LocalSession::Impl::tick() {
    const Settings settings = effectiveSettings();
    const auto now = Clock::now();
    nextTick = now + std::chrono::milliseconds(options.tickMs);
    // Only torrents whose status changed come back, in one state_update_alert.
    session->post_torrent_updates(lt::torrent_handle::query_name | lt::torrent_handle::query_save_path);
    session->post_session_stats();
    if (now >= nextResumeSave) {
        nextResumeSave = now + std::chrono::seconds(settings.resumeSaveIntervalSeconds);
        saveAllResumeData(true);
    }
    // The alternative-speed schedule is checked every tick (a localtime_r call) and applied on a flip.
    if (const bool alt = altSpeedActive(settings, engine::unixNow()); alt != altSpeedInForce) {
        altSpeedInForce = alt;
        session->apply_settings(engine::toSettingsPack(settings, alt));
    }
    if (now >= nextStatsSave) {
        nextStatsSave = now + std::chrono::seconds(30);
        persistStatistics();
    }
}

void LocalSession::Impl::saveResumeData(engine::TorrentEntry& entry, bool onlyIfModified) {
    if (!entry.handle.is_valid() || entry.removing) return;
    lt::resume_data_flags_t flags = lt::torrent_handle::save_info_dict;
    if (onlyIfModified) flags |= lt::torrent_handle::only_if_modified;
    entry.handle.save_resume_data(flags);
    ++outstandingSaves;
}

void LocalSession::Impl::saveAllResumeData(bool onlyIfModified) {
    for (auto& [id, entry] : entries) {
        if (!onlyIfModified || entry.handle.need_save_resume_data()) saveResumeData(entry, onlyIfModified);
    }
}

void LocalSession::Impl::persistStatistics() {
    store::Statistics stats = statsAtStart;
    std::shared_lock lock(registryMutex);
    stats.allTimeDownloaded += totals.downloadedThisRun;
    stats.allTimeUploaded += totals.uploadedThisRun;
    lock.unlock();
    store->putStatistics(stats);
}

// Shutdown: pause, save every torrent's resume data, wait for the last save (bounded), write it all.
void LocalSession::Impl::stopEngine() {
    if (stopped.exchange(true)) return;
    if (!thread.joinable()) return;
    auto done = std::make_shared<std::promise<void>>();
    auto future = done->get_future();
    post([this, done] {
        shuttingDown = true;
        session->pause();
        saveAllResumeData(false);
        const auto deadline = Clock::now() + std::chrono::seconds(20);
        while (outstandingSaves > 0 && Clock::now() < deadline) {
            // The alert loop inside the engine thread: wait for the save alerts to arrive.
            session->wait_for_alert(std::chrono::milliseconds(200));
            handleAlerts();
        }
        if (outstandingSaves > 0) spdlog::warn("shutdown: {} resume saves did not arrive in time", outstandingSaves);
        const std::vector<char> state = lt::write_session_params_buf(session->session_state(lt::session_handle::save_dht_state),
                                                                     lt::session_handle::save_dht_state);
        store->putSetting("dht_state", engine::toHex(std::string(state.begin(), state.end())));
        persistStatistics();
        done->set_value();
    });
    future.wait();
    {
        std::lock_guard lock(queueMutex);
        stopRequested = true;
    }
    queueCv.notify_one();
    thread.join();
    session->set_alert_notify([] {});
    // The session's destructor sends tracker "stopped" events; it is bounded by stop_tracker_timeout.
    session.reset();
    store->flush();
}

void LocalSession::Impl::emit(const Event& event) {
    std::vector<EventHandler> handlers;
    {
        std::lock_guard lock(subsMutex);
        for (const auto& [id, handler] : subscribers) handlers.push_back(handler);
    }
    for (const auto& handler : handlers) handler(event);
}

bool LocalSession::Impl::exists(TorrentId id) const {
    std::shared_lock lock(registryMutex);
    return snapshots.count(id) != 0;
}

void LocalSession::Impl::setSnapshot(const TorrentStatus& status) {
    std::unique_lock lock(registryMutex);
    snapshots[status.id] = status;
}

void LocalSession::Impl::eraseSnapshot(TorrentId id) {
    std::unique_lock lock(registryMutex);
    snapshots.erase(id);
    for (auto it = idsByHash.begin(); it != idsByHash.end();) {
        it = it->second == id ? idsByHash.erase(it) : std::next(it);
    }
}

Settings LocalSession::Impl::effectiveSettings() const {
    std::lock_guard lock(settingsMutex);
    return effective;
}

}  // namespace shoal
