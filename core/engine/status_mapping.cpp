// From libtorrent's status structs to Shoal's snapshots (TorrentStatus, TorrentDetails), and the small
// conversions (hex, ids in userdata) the engine files share. Snapshots are for showing and serialising:
// text from outside (a magnet's dn=, tracker URLs and messages, peers' client names) is made valid UTF-8
// here (shoal/text.h); save paths and file paths keep their bytes, since they name things on disk.
#include <cstdint>
#include <libtorrent/announce_entry.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/peer_info.hpp>
#include <libtorrent/torrent_info.hpp>

#include "engine/engine_impl.h"
#include "input/hex.h"
#include "shoal/text.h"

namespace shoal::engine {

lt::client_data_t idToUserdata(TorrentId id) {
    return lt::client_data_t(reinterpret_cast<TorrentIdTag*>(static_cast<std::uintptr_t>(id)));
}

TorrentId idFromUserdata(const lt::client_data_t& data) {
    return static_cast<TorrentId>(reinterpret_cast<std::uintptr_t>(data.get<TorrentIdTag>()));
}

TorrentId idFromHandle(const lt::torrent_handle& handle) {
    // userdata() throws once the torrent is gone from libtorrent (an alert that outlived its torrent).
    try {
        return idFromUserdata(handle.userdata());
    } catch (const lt::system_error&) {
        return kNoTorrent;
    }
}

std::string toHex(const std::string& bytes) { return detail::toHex(bytes.data(), bytes.size()); }
std::string fromHex(const std::string& hex) { return detail::fromHex(hex); }
std::string toHex(const lt::sha1_hash& hash) { return toHex(hash.to_string()); }
std::string toHex(const lt::sha256_hash& hash) { return toHex(hash.to_string()); }

InfoHashes hashesOf(const lt::info_hash_t& hashes) {
    InfoHashes out;
    if (hashes.has_v1()) out.v1 = toHex(hashes.v1);
    if (hashes.has_v2()) out.v2 = toHex(hashes.v2);
    return out;
}

namespace {

TorrentState stateOf(const lt::torrent_status& st) {
    const bool paused = static_cast<bool>(st.flags & lt::torrent_flags::paused);
    const bool autoManaged = static_cast<bool>(st.flags & lt::torrent_flags::auto_managed);
    if (st.moving_storage) return TorrentState::Moving;
    if (paused && !autoManaged) return st.is_finished ? TorrentState::Completed : TorrentState::Stopped;
    const bool checking = st.state == lt::torrent_status::checking_files ||
                          st.state == lt::torrent_status::checking_resume_data;
    if (paused) {  // auto-managed and paused: held back by the queue
        if (checking) return TorrentState::QueuedForCheck;
        return st.is_finished ? TorrentState::QueuedForSeed : TorrentState::QueuedForDownload;
    }
    switch (st.state) {
        case lt::torrent_status::checking_files:
        case lt::torrent_status::checking_resume_data: return TorrentState::Checking;
        case lt::torrent_status::downloading_metadata: return TorrentState::DownloadingMetadata;
        case lt::torrent_status::downloading: return TorrentState::Downloading;
        case lt::torrent_status::finished:
        case lt::torrent_status::seeding: return TorrentState::Seeding;
        default: return TorrentState::Checking;
    }
}

std::string peerSource(lt::peer_source_flags_t source) {
    if (source & lt::peer_info::tracker) return "tracker";
    if (source & lt::peer_info::dht) return "dht";
    if (source & lt::peer_info::pex) return "pex";
    if (source & lt::peer_info::lsd) return "lsd";
    if (source & lt::peer_info::incoming) return "incoming";
    return "direct";
}

// qBittorrent's flag letters, which power users already read fluently.
std::string peerFlags(const lt::peer_info& p) {
    std::string f;
    if (p.flags & lt::peer_info::interesting) f += (p.flags & lt::peer_info::remote_choked) ? 'd' : 'D';
    if (p.flags & lt::peer_info::remote_interested) f += (p.flags & lt::peer_info::choked) ? 'u' : 'U';
    if (!(p.flags & lt::peer_info::remote_choked) && !(p.flags & lt::peer_info::interesting)) f += 'K';
    if (!(p.flags & lt::peer_info::choked) && !(p.flags & lt::peer_info::remote_interested)) f += '?';
    if (p.flags & lt::peer_info::snubbed) f += 'S';
    if (p.source & lt::peer_info::incoming) f += 'I';
    if (p.flags & lt::peer_info::rc4_encrypted) f += 'E';
    else if (p.flags & lt::peer_info::plaintext_encrypted) f += 'e';
    if (p.flags & lt::peer_info::utp_socket) f += 'P';
    if (p.source & lt::peer_info::pex) f += 'X';
    if (p.source & lt::peer_info::dht) f += 'H';
    if (p.source & lt::peer_info::lsd) f += 'L';
    return f;
}

}  // namespace

void showRowFields(TorrentStatus& s, const store::TorrentRow& row, const Settings& settings) {
    s.downloadLimit = row.downloadLimit;
    s.uploadLimit = row.uploadLimit;
    s.ratioGoal = row.ratioGoal ? row.ratioGoal : settings.seedRatioGoal;
    s.seedTimeGoalSeconds = row.seedTimeGoalSeconds ? row.seedTimeGoalSeconds : settings.seedTimeGoalSeconds;
    s.completedTime = row.completedTime;
    s.category = row.category;
    s.tags = row.tags;
}

TorrentStatus makeStatus(const lt::torrent_status& st, TorrentEntry& entry, const Settings& settings) {
    entry.observe(st);
    TorrentStatus s;
    const store::TorrentRow& row = entry.row;
    s.id = row.id;
    s.hashes = hashesOf(st.info_hashes);
    s.name = validUtf8(st.name.empty() ? row.name : st.name);  // before metadata, a magnet's dn=
    s.savePath = st.save_path.empty() ? row.savePath : st.save_path;
    s.state = stateOf(st);
    if (!entry.error.empty()) {
        s.state = TorrentState::Errored;
        s.error = validUtf8(entry.error);
    } else if (st.errc) {
        s.state = TorrentState::Errored;
        s.error = validUtf8(st.errc.message());
    }
    s.hasMetadata = st.has_metadata;
    s.sequential = static_cast<bool>(st.flags & lt::torrent_flags::sequential_download);
    s.progress = st.total_wanted > 0 ? static_cast<double>(st.total_wanted_done) / static_cast<double>(st.total_wanted)
                                     : (st.has_metadata ? 1.0 : 0.0);
    // torrent_file is only filled when asked for (not on ticks): the entry keeps the size from the add.
    if (auto info = st.torrent_file.lock()) s.totalSize = info->total_size();
    else s.totalSize = entry.totalSize;
    s.totalWanted = st.total_wanted;
    s.totalWantedDone = st.total_wanted_done;
    s.downloadedThisRun = entry.downloaded.total;
    s.uploadedThisRun = entry.uploaded.total;
    s.allTimeDownloaded = entry.allTimeDownloaded();
    s.allTimeUploaded = entry.allTimeUploaded();
    s.wasted = entry.wasted.total;
    s.hashFailures = entry.hashFailures;
    s.downloadRate = st.download_payload_rate;
    s.uploadRate = st.upload_payload_rate;
    s.peers = st.num_peers;
    s.seeds = st.num_seeds;
    s.swarmSeeds = st.num_complete;
    s.swarmPeers = st.num_incomplete;
    if (s.state == TorrentState::Downloading && st.download_payload_rate > 0)
        s.etaSeconds = (st.total_wanted - st.total_wanted_done) / st.download_payload_rate;
    const std::int64_t base = s.allTimeDownloaded > 0 ? s.allTimeDownloaded : st.total_wanted_done;
    s.ratio = base > 0 ? static_cast<double>(s.allTimeUploaded) / static_cast<double>(base) : 0.0;
    s.queuePosition = static_cast<int>(st.queue_position);
    s.tracker = validUtf8(st.current_tracker);
    if (s.tracker.empty()) {
        if (auto info = st.torrent_file.lock(); info && !info->trackers().empty())
            s.tracker = validUtf8(info->trackers().front().url);
    }
    s.activeSeconds = st.active_duration.count();
    s.seedingSeconds = st.seeding_duration.count();
    s.addedTime = row.addedTime;
    showRowFields(s, row, settings);
    return s;
}

TorrentDetails makeDetails(const lt::torrent_handle& handle, TorrentEntry& entry, const Settings& settings) {
    TorrentDetails d;
    const lt::torrent_status st = handle.status(lt::torrent_handle::query_pieces | lt::torrent_handle::query_name |
                                                lt::torrent_handle::query_save_path);
    d.status = makeStatus(st, entry, settings);
    d.magnetUri = lt::make_magnet_uri(handle);
    d.pieces.assign(st.pieces.begin(), st.pieces.end());
    if (auto info = handle.torrent_file()) {
        d.comment = validUtf8(info->comment());
        d.createdBy = validUtf8(info->creator());
        d.creationDate = info->creation_date();
        d.isPrivate = info->priv();
        d.pieceSize = info->piece_length();
        d.numPieces = info->num_pieces();
        const auto& files = info->files();
        std::vector<std::int64_t> progress;
        handle.file_progress(progress);
        const auto priorities = entry.filePriorities.empty() ? handle.get_file_priorities() : entry.filePriorities;
        for (const lt::file_index_t i : files.file_range()) {
            if (files.pad_file_at(i)) continue;
            FileEntry f;
            f.index = static_cast<int>(i);
            f.path = files.file_path(i);  // libtorrent already replaced invalid UTF-8 in paths with '_'
            f.size = files.file_size(i);
            f.downloaded = progress.size() > static_cast<std::size_t>(f.index) ? progress[f.index] : 0;
            if (priorities.size() > static_cast<std::size_t>(f.index))
                f.priority = static_cast<FilePriority>(static_cast<std::uint8_t>(priorities[f.index]));
            d.files.push_back(std::move(f));
        }
        std::vector<int> availability;
        handle.piece_availability(availability);
        d.availability = std::move(availability);
        for (const auto& partial : handle.get_download_queue())
            d.downloadingPieces.push_back(static_cast<int>(partial.piece_index));
        for (const auto& seed : info->web_seeds()) d.webSeeds.push_back(validUtf8(seed.url));
    }
    std::vector<lt::peer_info> peers;
    handle.get_peer_info(peers);
    for (const auto& p : peers) {
        PeerInfo out;
        out.address = p.ip.address().is_v6() ? "[" + p.ip.address().to_string() + "]:" + std::to_string(p.ip.port())
                                              : p.ip.address().to_string() + ":" + std::to_string(p.ip.port());
        out.client = validUtf8(p.client);  // whatever the remote peer chose to send
        out.flags = peerFlags(p);
        out.source = peerSource(p.source);
        out.progress = p.progress;
        out.downloadRate = p.payload_down_speed;
        out.uploadRate = p.payload_up_speed;
        out.downloaded = p.total_download;
        out.uploaded = p.total_upload;
        out.isSeed = static_cast<bool>(p.flags & lt::peer_info::seed);
        out.utp = static_cast<bool>(p.flags & lt::peer_info::utp_socket);
        out.encrypted = static_cast<bool>(p.flags & (lt::peer_info::rc4_encrypted | lt::peer_info::plaintext_encrypted));
        d.peers.push_back(std::move(out));
    }
    const auto now = lt::clock_type::now();
    for (const auto& tracker : handle.trackers()) {
        TrackerInfo t;
        t.url = validUtf8(tracker.url);
        t.tier = tracker.tier;
        t.status = "not contacted";
        for (const auto& endpoint : tracker.endpoints) {
            for (const auto& ih : endpoint.info_hashes) {
                if (ih.updating) t.status = "updating";
                else if (ih.last_error) {
                    if (t.status != "working") t.status = "error";
                    t.message = validUtf8(ih.last_error.message());
                } else if (ih.start_sent) t.status = "working";
                if (!ih.message.empty()) t.message = validUtf8(ih.message);  // the tracker's own words
                if (ih.scrape_complete >= 0) t.seeds = std::max(t.seeds, ih.scrape_complete);
                if (ih.scrape_incomplete >= 0) t.peers = std::max(t.peers, ih.scrape_incomplete);
                const auto next = std::chrono::duration_cast<std::chrono::seconds>(ih.next_announce - now).count();
                if (next >= 0 && (t.nextAnnounceSeconds < 0 || next < t.nextAnnounceSeconds)) t.nextAnnounceSeconds = next;
            }
        }
        d.trackers.push_back(std::move(t));
    }
    return d;
}

}  // namespace shoal::engine
