// Per-torrent options: file priorities, sequential, limits, goals, queue, category/tags, trackers, peers.
// Options that libtorrent does not know (category, tags, goals) live in the row and the snapshot.
#include <libtorrent/announce_entry.hpp>
#include <libtorrent/torrent_info.hpp>

#include "engine/engine_impl.h"
#include "shoal/local_session.h"

namespace shoal {

using engine::TorrentEntry;
using engine::notFound;
using engine::onTorrent;

namespace {


// Options libtorrent has no status for are not in its state updates: refresh the snapshot here.
template <class Fn>
void updateSnapshot(LocalSession::Impl* impl, TorrentId id, Fn fn) {
    if (!impl->registry.contains(id)) return;
    impl->registry.update(id, fn);
    // Handlers run on the engine thread (session.h), whoever called.
    impl->post([impl, id] { impl->emit(Event{EventType::Changed, kNoTorrent, {id}, {}}); });
}

}  // namespace

Result<void> LocalSession::setFilePriorities(TorrentId id, const std::vector<FilePriority>& priorities) {
    if (!impl_->registry.contains(id)) return notFound(id);
    Impl* impl = impl_.get();
    auto checked = impl->call<std::monostate>([impl, id, priorities]() -> Result<std::monostate> {
        const TorrentEntry* entry = impl->book.findLive(id);
        if (!entry) return notFound(id);
        const auto info = engine::metadataOf(*entry);
        if (!info) return makeError(ErrorCode::InvalidArgument, "the torrent has no metadata yet");
        if (priorities.size() > static_cast<std::size_t>(info->num_files()))
            return makeError(ErrorCode::InvalidArgument, "more priorities than files");
        return std::monostate{};
    });
    if (!checked) return checked.error();
    return engine::changeTorrent(impl, id, engine::unchanged, [impl, priorities](TorrentEntry& e) {
        auto current = e.filePriorities.empty() ? e.handle.get_file_priorities() : e.filePriorities;
        if (current.size() < priorities.size()) current.resize(priorities.size(), lt::default_priority);
        for (std::size_t i = 0; i < priorities.size(); ++i)
            current[i] = lt::download_priority_t(static_cast<std::uint8_t>(priorities[i]));
        e.handle.prioritize_files(current);
        e.filePriorities = std::move(current);
        impl->resumes.save(e, false);
    });
}

Result<void> LocalSession::setSequential(TorrentId id, bool sequential) {
    Impl* impl = impl_.get();
    return engine::changeTorrent(impl, id, engine::unchanged, [impl, sequential](TorrentEntry& e) {
        if (sequential) e.handle.set_flags(lt::torrent_flags::sequential_download);
        else e.handle.unset_flags(lt::torrent_flags::sequential_download);
        impl->resumes.save(e, false);
    });
}

Result<void> LocalSession::setLimits(TorrentId id, int downloadLimit, int uploadLimit) {
    if (downloadLimit < 0 || uploadLimit < 0) return makeError(ErrorCode::InvalidArgument, "limits must be >= 0");
    Impl* impl = impl_.get();
    updateSnapshot(impl, id, [&](TorrentStatus& s) {
        s.downloadLimit = downloadLimit;
        s.uploadLimit = uploadLimit;
    });
    return engine::changeTorrent(
        impl, id,
        [downloadLimit, uploadLimit](TorrentEntry& e) {
            e.row.downloadLimit = downloadLimit;
            e.row.uploadLimit = uploadLimit;
            return true;
        },
        [downloadLimit, uploadLimit](TorrentEntry& e) {
            e.handle.set_download_limit(downloadLimit > 0 ? downloadLimit : -1);
            e.handle.set_upload_limit(uploadLimit > 0 ? uploadLimit : -1);
        });
}

Result<void> LocalSession::setSeedingGoals(TorrentId id, std::optional<double> ratio,
                                           std::optional<std::int64_t> seconds) {
    if ((ratio && *ratio < 0) || (seconds && *seconds < 0))
        return makeError(ErrorCode::InvalidArgument, "seeding goals must be >= 0");
    Impl* impl = impl_.get();
    return onTorrent(impl, id, [impl, ratio, seconds](TorrentEntry& e) {
        e.row.ratioGoal = ratio;
        e.row.seedTimeGoalSeconds = seconds;
        impl->putRow(e);
    });
}

Result<void> LocalSession::moveInQueue(TorrentId id, QueueMove move) {
    return engine::changeTorrent(impl_.get(), id, engine::unchanged, [move](TorrentEntry& e) {
        switch (move) {
            case QueueMove::Top: e.handle.queue_position_top(); break;
            case QueueMove::Up: e.handle.queue_position_up(); break;
            case QueueMove::Down: e.handle.queue_position_down(); break;
            case QueueMove::Bottom: e.handle.queue_position_bottom(); break;
        }
    });
}

Result<void> LocalSession::setCategory(TorrentId id, const std::string& category) {
    Impl* impl = impl_.get();
    updateSnapshot(impl, id, [&](TorrentStatus& s) { s.category = category; });
    return onTorrent(impl, id, [impl, category](TorrentEntry& e) {
        e.row.category = category;
        impl->putRow(e);
    });
}

Result<void> LocalSession::setTags(TorrentId id, const std::vector<std::string>& tags) {
    Impl* impl = impl_.get();
    updateSnapshot(impl, id, [&](TorrentStatus& s) { s.tags = tags; });
    return onTorrent(impl, id, [impl, tags](TorrentEntry& e) {
        e.row.tags = tags;
        impl->putRow(e);
    });
}

Result<void> LocalSession::addTrackers(TorrentId id, const std::vector<std::string>& urls) {
    Impl* impl = impl_.get();
    return engine::changeTorrent(impl, id, engine::unchanged, [impl, urls](TorrentEntry& e) {
        const auto existing = e.handle.trackers();
        int tier = 0;
        for (const auto& t : existing) tier = std::max(tier, static_cast<int>(t.tier) + 1);
        for (const auto& url : urls) {
            const bool known = std::any_of(existing.begin(), existing.end(), [&](const auto& t) { return t.url == url; });
            if (known) continue;
            lt::announce_entry entry(url);
            entry.tier = static_cast<std::uint8_t>(tier++);
            e.handle.add_tracker(entry);
        }
        impl->resumes.save(e, false);
    });
}

Result<void> LocalSession::replaceTrackers(TorrentId id, const std::vector<std::string>& urls) {
    for (const auto& url : urls) {
        if (url.empty()) return makeError(ErrorCode::InvalidArgument, "empty tracker URL");
    }
    Impl* impl = impl_.get();
    return engine::changeTorrent(impl, id, engine::unchanged, [impl, urls](TorrentEntry& e) {
        std::vector<lt::announce_entry> entries;
        for (const auto& url : urls) {
            lt::announce_entry entry(url);
            entry.tier = static_cast<std::uint8_t>(std::min<std::size_t>(entries.size(), 255));
            entries.push_back(std::move(entry));
        }
        e.handle.replace_trackers(entries);
        impl->resumes.save(e, false);
    });
}

Result<void> LocalSession::connectPeer(TorrentId id, const std::string& endpoint) {
    auto parsed = engine::parseEndpoint(endpoint);
    if (!parsed) return parsed.error();
    Impl* impl = impl_.get();
    return onTorrent(impl, id, [impl, endpoint](TorrentEntry& e) {
        if (std::find(e.directPeers.begin(), e.directPeers.end(), endpoint) == e.directPeers.end())
            e.directPeers.push_back(endpoint);
        impl->connectDirectPeers(e);
    });
}

}  // namespace shoal
