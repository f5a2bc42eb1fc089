// The session's commands: each is checked at once on the caller's thread, then carried out on the engine
// thread. Those that need libtorrent's answer to be validated (file indexes) wait for it, bounded.
#include <libtorrent/announce_entry.hpp>
#include <libtorrent/torrent_info.hpp>

#include <chrono>
#include <functional>

#include "engine/add_params.h"
#include "engine/engine_impl.h"
#include "shoal/text.h"
#include "engine/path_rules.h"
#include "shoal/local_session.h"

namespace shoal {

using engine::TorrentEntry;
using engine::notFound;
using engine::onTorrent;
using engine::unixNow;

void engine::afterEarlierDiskJobs(TorrentEntry& e, std::function<void(TorrentEntry&)> step) {
    const lt::torrent_status st = e.handle.status({});
    if (!(st.flags & lt::torrent_flags::upload_mode) && !st.errc && e.afterDiskFence.empty()) return step(e);
    // flush_cache() is a fence job in libtorrent's disk queue: its alert comes after every earlier job's.
    if (e.afterDiskFence.empty()) e.handle.flush_cache();
    e.afterDiskFence.push_back(std::move(step));
}

Result<AddOutcome> LocalSession::addTorrent(AddRequest request) {
    auto prepared = engine::prepareAdd(request, impl_->effectiveSettings());
    if (!prepared) return prepared.error();
    engine::PreparedAdd& p = prepared.value();
    Impl* impl = impl_.get();

    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    const auto reserved = impl->registry.findOrReserve(p.hashes, [&](TorrentId) {
        TorrentStatus status;
        status.hashes = p.hashes;
        status.name = validUtf8(p.name);  // a magnet's dn= is outside text
        status.savePath = p.savePath;
        status.state = p.params.ti ? TorrentState::QueuedForCheck : TorrentState::DownloadingMetadata;
        status.addedTime = unixNow();
        status.category = request.category;
        status.tags = request.tags;
        return status;
    });
    const TorrentId id = reserved.first;
    if (reserved.second) {
        // Already in the library: merge its trackers and peers, as qBittorrent does.
        if (!p.params.trackers.empty()) (void)addTrackers(id, p.params.trackers);
        for (const auto& peer : request.peers) (void)connectPeer(id, peer);
        return AddOutcome{id, true};
    }

    store::TorrentRow row;
    row.id = id;
    row.infoHashV1 = p.hashes.v1;
    row.infoHashV2 = p.hashes.v2;
    row.name = p.name;
    row.metainfo = request.torrentBytes;
    row.magnetUri = !request.magnetUri.empty() ? request.magnetUri
                    : request.infoHash.empty() ? std::string()
                    : request.infoHash.size() == 40 ? "magnet:?xt=urn:btih:" + request.infoHash
                                                    : "magnet:?xt=urn:btmh:1220" + request.infoHash;
    row.savePath = p.savePath;
    row.finalSavePath = p.finalSavePath;
    row.addedTime = unixNow();
    row.userPaused = request.paused;
    row.downloadLimit = request.downloadLimit;
    row.uploadLimit = request.uploadLimit;
    row.ratioGoal = request.ratioGoal;
    row.seedTimeGoalSeconds = request.seedTimeGoalSeconds;
    row.category = request.category;
    row.tags = request.tags;
    // The library has the torrent before anyone is told it was added: on a full disk the add fails
    // (and leaves no trace) instead of answering success for a torrent that a restart would forget.
    // Its first resume data goes with the row, written from what libtorrent is given (flags, trackers,
    // file priorities), the info dict left out as in every save: asking libtorrent for it once the
    // torrent is added cost each add a round trip through two threads and a write of its own.
    if (auto saved = impl->store->commitTorrent(row, engine::firstResumeData(p.params)); !saved) {
        impl->registry.erase(id);
        return makeError(saved.error().code, "cannot add " + p.name + ": " + saved.error().message);
    }
    impl->post([impl, id, params = std::move(p.params), row = std::move(row), peers = request.peers]() mutable {
        impl->addOnEngine(id, std::move(params), std::move(row), std::move(peers));
        if (engine::TorrentEntry* entry = impl->book.find(id)) entry->resumeDataStored = true;
    });
    return AddOutcome{id, false};
}

Result<void> LocalSession::remove(TorrentId id, RemoveMode mode) {
    Impl* impl = impl_.get();
    // A second remove of the same torrent finds it removing and is ignored (onTorrent).
    return onTorrent(impl, id, [impl, id, mode](TorrentEntry& entry) {
        entry.removing = true;
        entry.removeMode = mode;
        if (entry.addPending) return;  // adopt() takes it out when libtorrent has it
        if (!entry.handle.is_valid()) return impl->finishRemoval(id);  // never reached libtorrent
        try {
            entry.observe(entry.handle.status({}));  // its last bytes count in the session's totals
            if (mode == RemoveMode::DeleteData) {
                impl->pendingDeletes[entry.handle.info_hashes().get_best().to_string()] = id;
                impl->session->remove_torrent(entry.handle, lt::session_handle::delete_files);
            } else {
                impl->session->remove_torrent(entry.handle);
            }
        } catch (const lt::system_error&) {
            impl->finishRemoval(id);  // gone from libtorrent already: nothing of it is left to remove
        }
    });
}

Result<void> LocalSession::pause(TorrentId id) {
    return engine::changeTorrent(
        impl_.get(), id,
        [](TorrentEntry& e) {
            e.row.userPaused = true;
            return true;
        },
        [](TorrentEntry& e) {
            e.handle.unset_flags(lt::torrent_flags::auto_managed);
            e.handle.pause(lt::torrent_handle::graceful_pause);
        });
}

Result<void> LocalSession::resume(TorrentId id) {
    return engine::changeTorrent(
        impl_.get(), id,
        [](TorrentEntry& e) {
            e.error.clear();
            e.row.userPaused = false;
            return true;
        },
        [](TorrentEntry& e) {
            // Read before resume() starts libtorrent's counters from zero again.
            e.observe(e.handle.status({}));
            engine::afterEarlierDiskJobs(e, [](TorrentEntry& e) {
                if (e.row.userPaused) return;  // paused again while the disk jobs finished
                e.handle.clear_error();
                // A full disk puts a torrent in upload mode; libtorrent leaves it only by itself, after
                // optimistic_disk_retry. A user who starts it again (room freed) means "try now".
                e.handle.unset_flags(lt::torrent_flags::upload_mode);
                // Back under the queue's management; it starts now and the queue pauses it if over its limits.
                e.handle.set_flags(lt::torrent_flags::auto_managed);
                e.handle.resume();
            });
        });
}

Result<void> LocalSession::recheck(TorrentId id) {
    return engine::changeTorrent(
        impl_.get(), id,
        [](TorrentEntry& e) {
            e.error.clear();
            return false;
        },
        [](TorrentEntry& e) {
            engine::afterEarlierDiskJobs(e, [](TorrentEntry& e) {
                if (e.row.userPaused) return;  // paused again while the disk jobs finished
                e.handle.clear_error();
                e.handle.unset_flags(lt::torrent_flags::upload_mode);  // as in resume(): a full disk's mode
                e.handle.force_recheck();
            });
        });
}

Result<void> LocalSession::reannounce(TorrentId id) {
    return engine::changeTorrent(impl_.get(), id, engine::unchanged, [](TorrentEntry& e) {
        e.handle.force_reannounce();
        e.handle.force_dht_announce();
    });
}

Result<void> LocalSession::moveStorage(TorrentId id, const std::string& newSavePath) {
    if (auto ok = engine::checkAbsoluteFolder(newSavePath, "location"); !ok) return ok;
    std::error_code ec;
    const auto absolute = std::filesystem::path(newSavePath).lexically_normal();
    std::filesystem::create_directories(absolute, ec);
    if (ec) return makeError(ErrorCode::Io, "cannot create " + absolute.string() + ": " + ec.message());
    return engine::changeTorrent(
        impl_.get(), id,
        [](TorrentEntry& e) {
            // The user chose its place: it no longer moves by itself when it finishes.
            if (e.row.finalSavePath.empty()) return false;
            e.row.finalSavePath.clear();
            return true;
        },
        [path = absolute.string()](TorrentEntry& e) { e.handle.move_storage(path, lt::move_flags_t::dont_replace); });
}

Result<void> LocalSession::renameFile(TorrentId id, int fileIndex, const std::string& newPath) {
    if (!impl_->registry.contains(id)) return notFound(id);
    if (auto inside = engine::checkPathInsideTorrent(newPath); !inside) return inside;
    Impl* impl = impl_.get();
    auto done = impl->call<std::monostate>([impl, id, fileIndex, newPath]() -> Result<std::monostate> {
        const TorrentEntry* entry = impl->book.findLive(id);
        if (!entry) return notFound(id);
        const auto info = engine::metadataOf(*entry);
        if (!info) return makeError(ErrorCode::InvalidArgument, "the torrent has no metadata yet");
        if (fileIndex < 0 || fileIndex >= info->num_files())
            return makeError(ErrorCode::NotFound, "no file with index " + std::to_string(fileIndex));
        return std::monostate{};
    });
    if (!done) return done.error();
    return engine::changeTorrent(impl, id, engine::unchanged, [fileIndex, newPath](TorrentEntry& e) {
        e.handle.rename_file(lt::file_index_t(fileIndex), newPath);
    });
}

}  // namespace shoal
