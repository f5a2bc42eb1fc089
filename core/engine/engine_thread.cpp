// The engine thread: the only thread that calls libtorrent. It wakes on commands, on alerts (via
// set_alert_notify) and on its tick, in the shape of libtorrent's bt-get3 example loop.
#include <libtorrent/session_stats.hpp>

#include <spdlog/spdlog.h>

#include <malloc.h>
#include <pthread.h>

#include <ctime>

#include "engine/engine_impl.h"
#include "engine/settings_mapping.h"

namespace shoal {

using engine::Clock;

void LocalSession::Impl::guarded(const char* what, const std::function<void()>& fn) noexcept {
    try {
        fn();
    } catch (const std::exception& e) {
        spdlog::error("engine: {} failed: {}", what, e.what());
    } catch (...) {
        spdlog::error("engine: {} failed with an unknown exception", what);
    }
}

void LocalSession::Impl::guardedOnTorrent(const char* what, TorrentId id,
                                          const std::function<void(engine::TorrentEntry&)>& fn) noexcept {
    std::string failure;
    try {
        if (engine::TorrentEntry* entry = book.findLive(id)) fn(*entry);
        return;
    } catch (const std::exception& e) {
        failure = e.what();
    } catch (...) {
        failure = "unknown exception";
    }
    // Looked up again: the failing code may have been half-way through a removal.
    guarded(what, [&] {
        engine::TorrentEntry* entry = book.findLive(id);
        if (!entry) {
            spdlog::warn("torrent {}: {} failed: {}", id, what, failure);
            return;
        }
        markErrored(*entry, std::string(what) + " failed: " + failure);
    });
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
    // Called on libtorrent's network thread: only wake the engine thread.
    session->set_alert_notify([this] { queue.notifyAlerts(); });
    dhtNodesMetric = lt::find_metric_idx("dht.dht_nodes");
    statsAtStart = store->loadStatistics();
    statsAtStart.sessionsStarted += 1;
    store->putStatistics(statsAtStart);

    const auto now = Clock::now();
    nextTick = now;
    resumes.start(now, std::chrono::seconds(settings.resumeSaveIntervalSeconds));
    nextStatsSave = now + std::chrono::seconds(30);
    thread = std::thread([this] {
        ::pthread_setname_np(::pthread_self(), "shoal-engine");  // for top -H, perf, gdb
        queue.bindToCurrentThread();
        run();
    });
    // The library is restored on the engine thread like every other change, before open() returns, so
    // that the first listing already has it.
    runOnEngineAndWait("restoring the library", [this] { restoreLibrary(); });
}

// For start and shutdown only, from another thread: unbounded, as the engine's own work is bounded.
void LocalSession::Impl::runOnEngineAndWait(const char* what, std::function<void()> fn) {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    post([this, what, fn = std::move(fn), done] {
        guarded(what, fn);
        done->set_value();
    });
    finished.wait();
}

// One exception boundary per unit of work: a command, an alert (in handleAlerts), a tick.
void LocalSession::Impl::run() {
    queue.assertOnEngine();
    for (;;) {
        engine::EngineQueue::Batch batch = queue.wait(nextTick);
        if (batch.stop) break;
        for (auto& command : batch.commands) guarded("command", command);
        if (batch.alerts) guarded("alert handling", [this] { handleAlerts(); });
        if (Clock::now() >= nextTick) guarded("tick", [this] { tick(); });
    }
}

void LocalSession::Impl::tick() {
    queue.assertOnEngine();
    const Settings settings = effectiveSettings();
    const auto now = Clock::now();
    nextTick = now + std::chrono::milliseconds(options.tickMs);
    // Only torrents whose status changed come back, in one state_update_alert.
    session->post_torrent_updates(lt::torrent_handle::query_name | lt::torrent_handle::query_save_path);
    session->post_session_stats();
    resumes.onTick(book, now, std::chrono::seconds(settings.resumeSaveIntervalSeconds));
    if (trimAfterRestore && !book.anyAddPending()) {
        // glibc keeps freed memory in its arenas: without this a large library's resident size stays
        // at the restore's peak (203 MB instead of 100 MB for 10,000 torrents).
        trimAfterRestore = false;
        ::malloc_trim(0);
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

void LocalSession::Impl::persistStatistics() {
    queue.assertOnEngine();
    recomputeTotals();
    store::TrafficUpdate update;
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char day[16];
    std::strftime(day, sizeof day, "%Y-%m-%d", &utc);
    update.day = day;
    update.statistics = statsAtStart;
    {
        const SessionTotals totals = registry.totals();
        update.statistics.allTimeDownloaded = totals.allTimeDownloaded;
        update.statistics.allTimeUploaded = totals.allTimeUploaded;
    }
    update.torrents = std::move(removedTraffic);
    removedTraffic.clear();
    for (auto& [id, entry] : book) {
        const std::int64_t down = entry.downloaded.total - entry.downloaded.persisted;
        const std::int64_t up = entry.uploaded.total - entry.uploaded.persisted;
        if (down == 0 && up == 0) continue;
        entry.downloaded.persisted = entry.downloaded.total;
        entry.uploaded.persisted = entry.uploaded.total;
        update.torrents.push_back({id, entry.allTimeDownloaded(), entry.allTimeUploaded(), down, up});
    }
    for (const auto& t : update.torrents) {
        update.downloaded += t.downloaded;
        update.uploaded += t.uploaded;
    }
    store->putTraffic(std::move(update));
}

// Shutdown: pause, save every torrent's resume data, wait for the last save (bounded), write it all.
void LocalSession::Impl::stopEngine() {
    if (stopped.exchange(true)) return;
    if (!thread.joinable()) return;
    runOnEngineAndWait("shutdown", [this] { saveEverythingForShutdown(); });
    queue.requestStop();
    thread.join();
    session->set_alert_notify([] {});
    // The session's destructor sends tracker "stopped" events; it is bounded by stop_tracker_timeout.
    session.reset();
    store->flush();
}

void LocalSession::Impl::saveEverythingForShutdown() {
    queue.assertOnEngine();
    shuttingDown = true;
    session->pause();
    resumes.saveAll(book, false);
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (resumes.outstanding() > 0 && Clock::now() < deadline) {
        // The alert loop inside the engine thread: wait for the save alerts to arrive.
        session->wait_for_alert(std::chrono::milliseconds(200));
        handleAlerts();
    }
    if (resumes.outstanding() > 0)
        spdlog::warn("shutdown: {} resume saves did not arrive in time", resumes.outstanding());
    // The last reading of every torrent's counters, after the pause: the snapshots (which a front end
    // may still read after shutdown) and the statistics hold every byte of this run.
    const Settings settings = effectiveSettings();
    for (auto& [id, entry] : book) {
        if (!entry.handle.is_valid() || entry.removing) continue;
        guardedOnTorrent("the last status", id, [&](engine::TorrentEntry& e) {
            registry.put(engine::makeStatus(
                e.handle.status(lt::torrent_handle::query_name | lt::torrent_handle::query_save_path), e, settings));
        });
    }
    const std::vector<char> state = lt::write_session_params_buf(session->session_state(lt::session_handle::save_dht_state),
                                                                 lt::session_handle::save_dht_state);
    store->putSetting("dht_state", engine::toHex(std::string(state.begin(), state.end())));
    persistStatistics();
}

void LocalSession::Impl::emit(const Event& event) {
    queue.assertOnEngine();  // session.h promises handlers run on the engine thread
    events.dispatch(event);
}

Settings LocalSession::Impl::effectiveSettings() const {
    std::lock_guard lock(settingsMutex);
    return effective;
}

}  // namespace shoal
