// Torrent selection for RPC methods (`ids`), the hashString rule, and the recently-active tracker.
#include <algorithm>
#include <cctype>

#include "rpc/json_text.h"
#include "rpc/rpc_context.h"

namespace shoal::rpc {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool matchesHash(const TorrentStatus& s, const std::string& wanted) {
    const std::string h = lower(wanted);
    return (!s.hashes.v1.empty() && s.hashes.v1 == h) || (!s.hashes.v2.empty() && s.hashes.v2 == h) ||
           (!s.hashes.v2.empty() && h.size() == 40 && s.hashes.v2.compare(0, 40, h) == 0);
}

}  // namespace

std::string hashString(const InfoHashes& hashes) {
    if (!hashes.v1.empty()) return hashes.v1;
    return hashes.v2.substr(0, 40);
}

void ActivityTracker::onEvent(const Event& event) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    switch (event.type) {
        case EventType::Removed:
            active_.erase(event.id);
            removed_[event.id] = now;
            // Removals older than the window are never reported again: keep the map small.
            std::erase_if(removed_, [&](const auto& entry) { return entry.second < now - window_; });
            return;
        case EventType::Added:
            ++added_;
            [[fallthrough]];
        case EventType::Changed:
        case EventType::MetadataReceived:
        case EventType::Finished:
        case EventType::Errored:
        case EventType::GoalReached:
            if (event.id != kNoTorrent) active_[event.id] = now;
            for (TorrentId id : event.ids) active_[id] = now;
            return;
        default:
            return;
    }
}

std::vector<TorrentId> ActivityTracker::recentlyActive() const {
    const auto since = std::chrono::steady_clock::now() - window_;
    std::lock_guard lock(mutex_);
    std::vector<TorrentId> ids;
    for (const auto& [id, when] : active_)
        if (when >= since) ids.push_back(id);
    return ids;
}

std::vector<TorrentId> ActivityTracker::recentlyRemoved() const {
    const auto since = std::chrono::steady_clock::now() - window_;
    std::lock_guard lock(mutex_);
    std::vector<TorrentId> ids;
    for (const auto& [id, when] : removed_)
        if (when >= since) ids.push_back(id);
    return ids;
}

int ActivityTracker::addedThisRun() const {
    std::lock_guard lock(mutex_);
    return added_;
}

Result<std::vector<TorrentId>> resolveIds(const json& arguments, RpcContext& context) {
    std::vector<TorrentStatus> all = context.session.torrents();
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::vector<TorrentId> out;
    const auto exists = [&](TorrentId id) {
        return std::any_of(all.begin(), all.end(), [id](const TorrentStatus& s) { return s.id == id; });
    };
    const auto it = arguments.find("ids");
    if (it == arguments.end()) {
        for (const auto& s : all) out.push_back(s.id);
        return out;
    }
    const json& ids = *it;
    const bool strict = arguments.value("shoal-strict-ids", false);
    const auto unknown = [](TorrentId id) {
        return makeError(ErrorCode::NotFound, "no torrent with id " + std::to_string(id));
    };
    if (ids.is_number_integer()) {
        if (exists(ids.get<TorrentId>()))
            out.push_back(ids.get<TorrentId>());
        else if (strict)
            return unknown(ids.get<TorrentId>());
        return out;
    }
    if (ids.is_string()) {
        if (ids == "recently-active") {
            for (TorrentId id : context.activity.recentlyActive())
                if (exists(id)) out.push_back(id);
            return out;
        }
        for (const auto& s : all)
            if (matchesHash(s, ids.get<std::string>())) out.push_back(s.id);
        return out;
    }
    if (!ids.is_array())
        return makeError(ErrorCode::InvalidArgument, "invalid ids: expected a number, a string or an array");
    for (const json& item : ids) {
        if (item.is_number_integer()) {
            if (exists(item.get<TorrentId>()))
                out.push_back(item.get<TorrentId>());
            else if (strict)
                return unknown(item.get<TorrentId>());
        } else if (item.is_string()) {
            for (const auto& s : all)
                if (matchesHash(s, item.get<std::string>())) out.push_back(s.id);
        } else {
            return makeError(ErrorCode::InvalidArgument,
                             "invalid ids: " + dumpJson(item) + " is not an id or a hash");
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace shoal::rpc
