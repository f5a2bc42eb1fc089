// A torrent's life on the engine thread: restored from the library at start, added, errored, stopped by
// its seeding goals, its row kept current in the library.
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/pex_flags.hpp>
#include <libtorrent/read_resume_data.hpp>
#include <libtorrent/torrent_info.hpp>

#include <spdlog/spdlog.h>

#include "engine/engine_impl.h"
#include "shoal/text.h"

namespace shoal {

using engine::TorrentEntry;

namespace {

// Rebuilds what to give libtorrent from a stored row: its resume data if any, else the metainfo or magnet.
Result<lt::add_torrent_params> paramsFromStored(const store::StoredTorrent& stored) {
    lt::error_code ec;
    if (!stored.resumeData.empty()) {
        lt::add_torrent_params params = lt::read_resume_data(stored.resumeData, ec);
        if (!ec && !params.ti && !stored.row.metainfo.empty()) {
            // Resume data is saved without the info dict: the metainfo comes from the row.
            auto info = std::make_shared<lt::torrent_info>(stored.row.metainfo, ec, lt::from_span);
            if (!ec) params.ti = std::move(info);
        }
        if (!ec) return params;
        spdlog::warn("torrent {}: resume data unreadable ({}), starting from its metainfo", stored.row.id,
                     ec.message());
    }
    if (!stored.row.metainfo.empty()) {
        auto info = std::make_shared<lt::torrent_info>(stored.row.metainfo, ec, lt::from_span);
        if (ec) return makeError(ErrorCode::BadInput, "stored metainfo is invalid: " + ec.message());
        lt::add_torrent_params params;
        params.ti = std::move(info);
        return params;
    }
    if (!stored.row.magnetUri.empty()) {
        lt::add_torrent_params params = lt::parse_magnet_uri(stored.row.magnetUri, ec);
        if (!ec) return params;
    }
    lt::add_torrent_params params;
    lt::info_hash_t hashes;
    if (!stored.row.infoHashV1.empty()) {
        const std::string raw = engine::fromHex(stored.row.infoHashV1);
        if (raw.size() == 20) hashes.v1 = lt::sha1_hash(raw.data());
    }
    if (!stored.row.infoHashV2.empty()) {
        const std::string raw = engine::fromHex(stored.row.infoHashV2);
        if (raw.size() == 32) hashes.v2 = lt::sha256_hash(raw.data());
    }
    if (!hashes.has_v1() && !hashes.has_v2()) return makeError(ErrorCode::BadInput, "stored torrent has no info-hash");
    params.info_hashes = hashes;
    return params;
}

}  // namespace

// Every stored torrent is listed at once (its snapshot and entry, from its row); libtorrent gets them a
// chunk at a time (restoreNextChunk), so that open() returns, commands and listings go on meanwhile, and
// a large library's alerts never pile up by the thousand in libtorrent's queue, which keeps its size.
void LocalSession::Impl::restoreLibrary() {
    queue.assertOnEngine();
    auto stored = store->loadTorrents();
    TorrentId maxId = store->maxTorrentId();
    for (auto& item : stored) {
        maxId = std::max(maxId, item.row.id);
        TorrentStatus status;
        status.id = item.row.id;
        status.name = validUtf8(item.row.name);
        status.savePath = item.row.savePath;
        status.hashes = InfoHashes{item.row.infoHashV1, item.row.infoHashV2};
        status.addedTime = item.row.addedTime;
        status.category = item.row.category;
        status.tags = item.row.tags;
        status.state = TorrentState::QueuedForCheck;
        status.allTimeDownloaded = item.row.allTimeDownloaded;
        status.allTimeUploaded = item.row.allTimeUploaded;
        registry.insert(std::move(status));
        TorrentEntry& entry = book.create(item.row.id);
        entry.row = item.row;
        entry.row.metainfo = {};  // in the queued item until it is parsed
        entry.allTimeDownloadedBefore = item.row.allTimeDownloaded;
        entry.allTimeUploadedBefore = item.row.allTimeUploaded;
        entry.addPending = true;  // what the user changes meanwhile waits for the add, as for any add
        restoreQueue.push_back(std::move(item));
    }
    recomputeTotals();  // the all-time figures are there before the first tick
    trimAfterRestore = true;  // see tick()
    registry.raiseLastId(maxId);
    spdlog::debug("library: {} torrents listed, restoring", restoreQueue.size());
    restoreNextChunk();
}

void LocalSession::Impl::restoreNextChunk() {
    queue.assertOnEngine();
    constexpr int kChunk = 500;
    for (int n = 0; n < kChunk && !restoreQueue.empty(); ++n) {
        store::StoredTorrent item = std::move(restoreQueue.front());
        restoreQueue.pop_front();
        TorrentEntry* found = book.find(item.row.id);
        if (!found) continue;
        TorrentEntry& entry = *found;
        auto params = paramsFromStored(item);
        if (!params) {
            entry.addPending = false;
            entry.untilAdded.clear();
            markErrored(entry, params.error().message);
            continue;
        }
        lt::add_torrent_params& p = params.value();
        p.save_path = entry.row.savePath;
        // Upload mode is how libtorrent sits out a full disk; saved in resume data, it would keep the
        // torrent from downloading forever after a restart with no error shown. A new run tries again.
        p.flags &= ~lt::torrent_flags::upload_mode;
        // Resume data carries libtorrent's own flags; the library's user-paused column is the truth.
        if (entry.row.userPaused) {  // see add_params.cpp for why running torrents are not added paused
            p.flags |= lt::torrent_flags::paused;
            p.flags &= ~lt::torrent_flags::auto_managed;
        } else {
            p.flags &= ~lt::torrent_flags::paused;
            p.flags |= lt::torrent_flags::auto_managed;
        }
        entry.resumeDataStored = !item.resumeData.empty();
        entry.restoring = true;
        ++restoreInFlight;
        giveToSession(entry, std::move(p));
    }
    recomputeTotals();
    if (restoreQueue.empty()) spdlog::debug("library: every torrent handed to libtorrent");
    // A chunk of only unreadable torrents brings no add back to wait for.
    else if (restoreInFlight == 0) post([this] { restoreNextChunk(); });
}

// A restored torrent's add has come back (added, or failed): the next chunk may go once all of this have.
void LocalSession::Impl::restoreLanded(TorrentEntry& entry) {
    if (!entry.restoring) return;
    entry.restoring = false;
    --restoreInFlight;
}

// The row is already in the library (restored from it, or committed by add()).
void LocalSession::Impl::addOnEngine(TorrentId id, lt::add_torrent_params params, store::TorrentRow row,
                                     std::vector<std::string> peers) {
    queue.assertOnEngine();
    TorrentEntry& entry = book.create(id);
    entry.row = std::move(row);
    // The metainfo is in the library already (committed by add(), or read from it) and libtorrent has
    // its own parsed copy: ten thousand torrents need not carry it twice more in memory.
    entry.row.metainfo = {};
    entry.directPeers = std::move(peers);
    entry.addPending = true;
    giveToSession(entry, std::move(params));
}

void LocalSession::Impl::giveToSession(TorrentEntry& entry, lt::add_torrent_params params) {
    entry.info = params.ti;
    // The all-time counters go on from the larger of the library's and the resume data's (the library's
    // are written every 30 s with the statistics, the resume data's when libtorrent saves).
    entry.allTimeDownloadedBefore = std::max(params.total_downloaded, entry.row.allTimeDownloaded);
    entry.allTimeUploadedBefore = std::max(params.total_uploaded, entry.row.allTimeUploaded);
    params.total_downloaded = entry.allTimeDownloadedBefore;
    params.total_uploaded = entry.allTimeUploadedBefore;
    const Settings settings = effectiveSettings();
    if (!settings.enablePex) params.flags |= lt::torrent_flags::disable_pex;
    params.userdata = engine::idToUserdata(entry.row.id);
    params.flags &= ~lt::torrent_flags::duplicate_is_error;
    params.download_limit = entry.row.downloadLimit > 0 ? entry.row.downloadLimit : -1;
    params.upload_limit = entry.row.uploadLimit > 0 ? entry.row.uploadLimit : -1;
    session->async_add_torrent(std::move(params));
}

void LocalSession::Impl::putRow(const TorrentEntry& entry) {
    store::TorrentRow row = entry.row;
    row.allTimeDownloaded = entry.allTimeDownloaded();  // never the stale value of the last full write
    row.allTimeUploaded = entry.allTimeUploaded();
    store->putTorrent(row);
}

// A state update handled just before a change was built from the old row, and libtorrent sends the next
// only when the torrent's status changes: the row's own fields are shown at once.
void LocalSession::Impl::showRow(const TorrentEntry& entry) {
    const Settings settings = effectiveSettings();
    registry.update(entry.row.id, [&](TorrentStatus& s) { engine::showRowFields(s, entry.row, settings); });
}

// Only once the torrent transfers: a connection made while it is paused is ignored, and one made while it
// checks is dropped when the check ends, after which libtorrent waits min_reconnect_time (60 s).
void LocalSession::Impl::connectDirectPeers(TorrentEntry& entry) {
    if (!entry.handle.is_valid() || entry.directPeers.empty()) return;
    const lt::torrent_status st = entry.handle.status({});
    if (st.flags & lt::torrent_flags::paused) return;
    if (st.state != lt::torrent_status::downloading && st.state != lt::torrent_status::downloading_metadata &&
        st.state != lt::torrent_status::finished && st.state != lt::torrent_status::seeding)
        return;
    entry.lastDirectConnect = engine::Clock::now();
    for (const auto& peer : entry.directPeers) {
        // A named ADDR:PORT is a TCP listen address: dial TCP, never wait on a uTP attempt first.
        if (auto endpoint = engine::parseEndpoint(peer))
            entry.handle.connect_peer(endpoint.value(), {}, lt::pex_encryption);
    }
}

void LocalSession::Impl::markErrored(TorrentEntry& entry, const std::string& message) {
    queue.assertOnEngine();
    // The first error is the cause; libtorrent follows a full disk with one alert per failed block and
    // with consequences ("Bad address" from the mapped file). Kept until resume or recheck clears it.
    if (!entry.error.empty()) {
        spdlog::debug("torrent {} ({}): also: {}", entry.row.id, entry.row.name, message);
        return;
    }
    entry.error = message;
    spdlog::error("torrent {} ({}): {}", entry.row.id, entry.row.name, message);
    registry.update(entry.row.id, [&](TorrentStatus& s) {
        s.state = TorrentState::Errored;
        s.error = message;
    });
    Event event{EventType::Errored, entry.row.id, {entry.row.id}, message};
    emit(event);
    emit(Event{EventType::Changed, kNoTorrent, {entry.row.id}, {}});
}

// Seeding goals stop a torrent as qBittorrent and Transmission do: paused, not removed.
void LocalSession::Impl::checkSeedingGoals(const lt::torrent_status& st, TorrentEntry& entry) {
    if (!st.is_finished || entry.row.userPaused || !entry.error.empty()) return;
    if (st.flags & lt::torrent_flags::paused && !(st.flags & lt::torrent_flags::auto_managed)) return;
    const Settings settings = effectiveSettings();
    const auto ratioGoal = entry.row.ratioGoal ? entry.row.ratioGoal : settings.seedRatioGoal;
    const auto timeGoal = entry.row.seedTimeGoalSeconds ? entry.row.seedTimeGoalSeconds : settings.seedTimeGoalSeconds;
    const std::int64_t base = entry.allTimeDownloaded() > 0 ? entry.allTimeDownloaded() : st.total_wanted_done;
    const double ratio = base > 0 ? static_cast<double>(entry.allTimeUploaded()) / static_cast<double>(base) : 0.0;
    std::string reached;
    if (ratioGoal && ratio >= *ratioGoal) reached = "ratio " + std::to_string(*ratioGoal) + " reached";
    if (timeGoal && st.seeding_duration.count() >= *timeGoal) reached = "seeding time reached";
    if (reached.empty()) return;
    entry.row.userPaused = true;
    entry.handle.unset_flags(lt::torrent_flags::auto_managed);
    entry.handle.pause(lt::torrent_handle::graceful_pause);
    putRow(entry);
    resumes.save(entry, false);
    emit(Event{EventType::GoalReached, entry.row.id, {entry.row.id}, reached});
}

}  // namespace shoal
