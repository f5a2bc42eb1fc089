// RemoteSession: each Session call becomes one JSON-RPC 2.0 request to the daemon (Shoal's shoal-*
// extensions carry what Transmission's protocol cannot); a poller thread keeps a snapshot cache and turns
// what changed into events.
#include "shoal/remote_session.h"
#include "shoal/event_hub.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "rpc/base64.h"
#include "rpc/http_client.h"
#include "rpc/json_text.h"
#include "rpc/snapshot_json.h"

namespace shoal {

using nlohmann::json;
using namespace shoal::rpc;

namespace {

// Every so many polls the whole list is read, so that nothing missed (a removal older than the daemon's
// 60 s recently-active window, after a network hiccup) stays in the cache.
constexpr int kFullPollEvery = 20;

bool finished(const TorrentStatus& s) {
    return s.hasMetadata && s.progress >= 1.0 &&
           (s.state == TorrentState::Seeding || s.state == TorrentState::Completed ||
            s.state == TorrentState::QueuedForSeed);
}

json idArgs(TorrentId id, json extra = json::object()) {
    extra["ids"] = json::array({id});
    extra["shoal_strict_ids"] = true;
    return extra;
}

}  // namespace

struct RemoteSession::Impl {
    RemoteSessionOptions options;
    RpcEndpoint endpoint;
    std::string url;
    std::unique_ptr<HttpClient> commands;  // under commandMutex: any caller's thread
    std::unique_ptr<HttpClient> poller;    // the poller thread only
    std::mutex commandMutex;
    std::atomic<std::int64_t> nextRequest{1};

    mutable std::mutex stateMutex;
    std::map<TorrentId, TorrentStatus> cache;
    std::set<TorrentId> announced;  // ids the subscribers have had Added for (or that were there at connect)
    SessionTotals lastTotals;
    Settings lastSettings;

    EventHub events;  // handlers run on the poller thread

    std::thread thread;
    std::mutex stopMutex;
    std::condition_variable stopCv;
    bool stopping = false;
    std::atomic<bool> closed{false};
    int polls = 0;

    Result<json> call(HttpClient& client, const std::string& method, const json& params) {
        if (closed.load()) return makeError(ErrorCode::Network, "the remote session is closed");
        const json request = {
            {"jsonrpc", "2.0"}, {"method", method}, {"params", params}, {"id", nextRequest++}};
        auto body = client.postRpc(dumpJson(request));
        if (!body) return body.error();
        // The daemon's answer is input too: bounded like a request, so a hostile server cannot crash us.
        auto parsed = parseJsonBounded(body.value());
        const json reply = parsed ? std::move(parsed).value() : json();
        if (!reply.is_object())
            return makeError(ErrorCode::Internal,
                             url + " answered " + method + " with something that is not JSON");
        if (auto error = reply.find("error"); error != reply.end()) {
            const std::string message = error->value("message", "error");
            const json data = error->value("data", json::object());
            if (data.contains("shoal_error_code"))
                return makeError(static_cast<ErrorCode>(data["shoal_error_code"].get<int>()), message);
            const int code = error->value("code", 0);
            return makeError(
                code == -32602 || code == -32601 ? ErrorCode::InvalidArgument : ErrorCode::Internal, message);
        }
        return reply.value("result", json::object());
    }

    Result<json> command(const std::string& method, const json& params) {
        std::lock_guard lock(commandMutex);
        return call(*commands, method, params);
    }

    Result<void> simple(const std::string& method, const json& params) {
        auto r = command(method, params);
        if (!r) return r.error();
        return {};
    }

    void emit(const Event& event) { events.dispatch(event); }

    // Reads torrents (all, or the recently active ones) and totals; events unless `quiet` (at connect).
    Result<void> poll(HttpClient& client, bool full, bool quiet) {
        json params = {{"fields", {"shoal_status"}}};
        if (!full) params["ids"] = "recently_active";
        auto got = call(client, "torrent_get", params);
        if (!got) return got.error();
        auto stats = call(client, "session_stats", json::object());
        if (!stats) return stats.error();

        std::vector<Event> events;
        std::vector<TorrentId> changed;
        {
            std::lock_guard lock(stateMutex);
            std::set<TorrentId> seen;
            for (const json& row : got->value("torrents", json::array())) {
                if (!row.contains("shoal_status")) continue;
                TorrentStatus now = statusFromJson(row["shoal_status"]);
                seen.insert(now.id);
                const auto before = cache.find(now.id);
                const bool isNew = !announced.count(now.id);
                if (isNew) {
                    announced.insert(now.id);
                    if (!quiet) events.push_back(Event{EventType::Added, now.id, {now.id}, now.name});
                }
                if (before != cache.end() && !quiet) {
                    const TorrentStatus& was = before->second;
                    if (!was.hasMetadata && now.hasMetadata)
                        events.push_back(Event{EventType::MetadataReceived, now.id, {now.id}, now.name});
                    if (!finished(was) && finished(now))
                        events.push_back(Event{EventType::Finished, now.id, {now.id}, {}});
                    if (now.state == TorrentState::Errored &&
                        (was.state != TorrentState::Errored || was.error != now.error))
                        events.push_back(Event{EventType::Errored, now.id, {now.id}, now.error});
                    if (!(was == now)) changed.push_back(now.id);
                }
                cache[now.id] = std::move(now);
            }
            std::vector<TorrentId> gone;
            if (full) {
                for (const auto& [id, s] : cache)
                    if (!seen.count(id)) gone.push_back(id);
            }
            for (const json& id : got->value("removed", json::array()))
                if (id.is_number_integer() && !seen.count(id.get<TorrentId>()))
                    gone.push_back(id.get<TorrentId>());
            for (TorrentId id : gone) {
                cache.erase(id);
                if (announced.erase(id) && !quiet) events.push_back(Event{EventType::Removed, id, {id}, {}});
            }
            if (stats->contains("shoal_totals")) lastTotals = totalsFromJson((*stats)["shoal_totals"]);
        }
        if (!changed.empty()) events.push_back(Event{EventType::Changed, kNoTorrent, changed, {}});
        for (const Event& e : events) emit(e);
        return {};
    }

    void pollLoop() {
        std::unique_lock lock(stopMutex);
        while (!stopping) {
            lock.unlock();
            const bool full = ++polls % kFullPollEvery == 0;
            if (auto done = poll(*poller, full, false); !done)
                spdlog::debug("remote poll failed: {}", done.error().message);
            lock.lock();
            stopCv.wait_for(lock, std::chrono::milliseconds(options.pollMs), [this] { return stopping; });
        }
    }
};

RemoteSession::RemoteSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RemoteSession::~RemoteSession() { close(); }

Result<std::unique_ptr<RemoteSession>> RemoteSession::connect(RemoteSessionOptions options) {
    auto endpoint = parseRpcUrl(options.url);
    if (!endpoint) return endpoint.error();
    if (options.pollMs < 10) return makeError(ErrorCode::InvalidArgument, "pollMs must be at least 10");
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->endpoint = endpoint.value();
    impl->url = impl->endpoint.url();
    impl->commands =
        std::make_unique<HttpClient>(impl->endpoint, options.username, options.password, options.timeout);
    impl->poller =
        std::make_unique<HttpClient>(impl->endpoint, options.username, options.password, options.timeout);

    auto hello = impl->command("session_get", {{"fields", {"version", "shoal_settings"}}});
    if (!hello) return hello.error();
    if (!hello->contains("shoal_settings"))
        return makeError(ErrorCode::InvalidArgument, impl->url + " is not a Shoal daemon (" +
                                                         hello->value("version", "?") +
                                                         "): RemoteSession needs its shoal-* extensions");
    if (auto s = settingsFromJson(dumpJson((*hello)["shoal_settings"]))) impl->lastSettings = s.value();
    if (auto first = impl->poll(*impl->poller, true, true); !first) return first.error();
    if (options.eventHandler) impl->events.add(options.eventHandler);
    Impl* raw = impl.get();
    impl->thread = std::thread([raw] {
        ::pthread_setname_np(::pthread_self(), "shoal-poller");
        raw->pollLoop();
    });
    return std::unique_ptr<RemoteSession>(new RemoteSession(std::move(impl)));
}

void RemoteSession::close() {
    if (!impl_ || impl_->closed.load()) return;
    {
        std::lock_guard lock(impl_->stopMutex);
        impl_->stopping = true;
    }
    impl_->stopCv.notify_all();
    if (impl_->thread.joinable()) impl_->thread.join();
    impl_->closed = true;
}

const std::string& RemoteSession::url() const { return impl_->url; }

Result<AddOutcome> RemoteSession::addTorrent(AddRequest r) {
    json p = json::object();
    if (!r.torrentBytes.empty())
        p["metainfo"] = base64Encode(std::string_view(r.torrentBytes.data(), r.torrentBytes.size()));
    else if (!r.magnetUri.empty())
        p["filename"] = r.magnetUri;
    else if (!r.infoHash.empty())
        p["filename"] = r.infoHash;
    else
        return makeError(ErrorCode::InvalidArgument, "nothing to add: no torrent, magnet or info-hash");
    if (!r.savePath.empty()) p["download_dir"] = r.savePath;
    p["paused"] = r.paused;
    p["labels"] = r.tags;
    p["shoal_category"] = r.category;
    p["shoal_sequential"] = r.sequential;
    p["shoal_seed_mode"] = r.seedMode;
    p["shoal_trackers"] = r.trackers;
    p["shoal_peers"] = r.peers;
    p["shoal_download_limit"] = r.downloadLimit;
    p["shoal_upload_limit"] = r.uploadLimit;
    if (r.ratioGoal) p["shoal_ratio_goal"] = *r.ratioGoal;
    if (r.seedTimeGoalSeconds) p["shoal_seed_time_goal"] = *r.seedTimeGoalSeconds;
    if (!r.filePriorities.empty()) {
        json priorities = json::array();
        for (FilePriority f : r.filePriorities) priorities.push_back(static_cast<int>(f));
        p["shoal_file_priorities"] = priorities;
    }
    auto result = impl_->command("torrent_add", p);
    if (!result) return result.error();
    const bool existed = !result->contains("torrent_added");
    const json torrent = existed ? result->value("torrent_duplicate", json()) : (*result)["torrent_added"];
    if (!torrent.is_object() || !torrent.contains("id"))
        return makeError(ErrorCode::Internal, "torrent_add answered without an id");
    const TorrentId id = torrent["id"].get<TorrentId>();
    // Like LocalSession, status(id) answers as soon as add() returns.
    if (auto got = impl_->command("torrent_get", idArgs(id, {{"fields", {"shoal_status"}}}))) {
        for (const json& row : got->value("torrents", json::array())) {
            if (!row.contains("shoal_status")) continue;
            std::lock_guard lock(impl_->stateMutex);
            impl_->cache.try_emplace(id, statusFromJson(row["shoal_status"]));
        }
    }
    return AddOutcome{id, existed};
}

Result<void> RemoteSession::remove(TorrentId id, RemoveMode mode) {
    return impl_->simple("torrent_remove",
                         idArgs(id, {{"delete_local_data", mode == RemoveMode::DeleteData}}));
}
Result<void> RemoteSession::pause(TorrentId id) { return impl_->simple("torrent_stop", idArgs(id)); }
Result<void> RemoteSession::resume(TorrentId id) { return impl_->simple("torrent_start", idArgs(id)); }
Result<void> RemoteSession::recheck(TorrentId id) { return impl_->simple("torrent_verify", idArgs(id)); }
Result<void> RemoteSession::reannounce(TorrentId id) {
    return impl_->simple("torrent_reannounce", idArgs(id));
}

Result<void> RemoteSession::moveStorage(TorrentId id, const std::string& newSavePath) {
    return impl_->simple("torrent_set_location", idArgs(id, {{"location", newSavePath}, {"move", true}}));
}

Result<void> RemoteSession::renameFile(TorrentId id, int fileIndex, const std::string& newPath) {
    return impl_->simple("shoal_rename_file", idArgs(id, {{"index", fileIndex}, {"path", newPath}}));
}

Result<void> RemoteSession::setFilePriorities(TorrentId id, const std::vector<FilePriority>& priorities) {
    json list = json::array();
    for (FilePriority f : priorities) list.push_back(static_cast<int>(f));
    return impl_->simple("torrent_set", idArgs(id, {{"shoal_file_priorities", list}}));
}

Result<void> RemoteSession::setSequential(TorrentId id, bool sequential) {
    return impl_->simple("torrent_set", idArgs(id, {{"shoal_sequential", sequential}}));
}

Result<void> RemoteSession::setLimits(TorrentId id, int downloadLimit, int uploadLimit) {
    return impl_->simple("torrent_set", idArgs(id, {{"shoal_download_limit", downloadLimit},
                                                    {"shoal_upload_limit", uploadLimit}}));
}

Result<void> RemoteSession::setSeedingGoals(TorrentId id, std::optional<double> ratio,
                                            std::optional<std::int64_t> seconds) {
    return impl_->simple("torrent_set",
                         idArgs(id, {{"shoal_ratio_goal", ratio ? json(*ratio) : json(nullptr)},
                                     {"shoal_seed_time_goal", seconds ? json(*seconds) : json(nullptr)}}));
}

Result<void> RemoteSession::moveInQueue(TorrentId id, QueueMove move) {
    const char* method = move == QueueMove::Top    ? "queue_move_top"
                         : move == QueueMove::Up   ? "queue_move_up"
                         : move == QueueMove::Down ? "queue_move_down"
                                                   : "queue_move_bottom";
    return impl_->simple(method, idArgs(id));
}

Result<void> RemoteSession::setCategory(TorrentId id, const std::string& category) {
    return impl_->simple("torrent_set", idArgs(id, {{"shoal_category", category}}));
}

Result<void> RemoteSession::setTags(TorrentId id, const std::vector<std::string>& tags) {
    return impl_->simple("torrent_set", idArgs(id, {{"labels", tags}}));
}

Result<void> RemoteSession::addTrackers(TorrentId id, const std::vector<std::string>& urls) {
    return impl_->simple("torrent_set", idArgs(id, {{"tracker_add", urls}}));
}

Result<void> RemoteSession::replaceTrackers(TorrentId id, const std::vector<std::string>& urls) {
    std::string list;
    for (const auto& url : urls) list += url + "\n";
    return impl_->simple("torrent_set", idArgs(id, {{"tracker_list", list}}));
}

Result<void> RemoteSession::connectPeer(TorrentId id, const std::string& endpoint) {
    return impl_->simple("torrent_set", idArgs(id, {{"shoal_connect_peers", {endpoint}}}));
}

Result<void> RemoteSession::applySettings(const Settings& settings) {
    if (auto valid = validate(settings); !valid) return valid;
    json asJson;
    try {
        asJson = json::parse(settingsToJson(settings));
    } catch (const json::exception&) {  // a path that is not UTF-8 cannot travel in JSON unchanged
        return makeError(ErrorCode::InvalidArgument, "the settings hold text that is not UTF-8");
    }
    auto done = impl_->simple("session_set", {{"shoal_settings", asJson}});
    if (done) {
        std::lock_guard lock(impl_->stateMutex);
        impl_->lastSettings = settings;
    }
    return done;
}

std::vector<TorrentStatus> RemoteSession::torrents() const {
    std::lock_guard lock(impl_->stateMutex);
    std::vector<TorrentStatus> out;
    for (const auto& [id, s] : impl_->cache) out.push_back(s);
    return out;
}

std::optional<TorrentStatus> RemoteSession::status(TorrentId id) const {
    std::lock_guard lock(impl_->stateMutex);
    auto it = impl_->cache.find(id);
    if (it == impl_->cache.end()) return std::nullopt;
    return it->second;
}

Result<TorrentDetails> RemoteSession::details(TorrentId id) {
    auto got = impl_->command("torrent_get", idArgs(id, {{"fields", {"shoal_details"}}}));
    if (!got) return got.error();
    for (const json& row : got->value("torrents", json::array()))
        if (row.contains("shoal_details")) return detailsFromJson(row["shoal_details"]);
    return makeError(ErrorCode::NotFound, "no torrent with id " + std::to_string(id));
}

SessionTotals RemoteSession::totals() const {
    std::lock_guard lock(impl_->stateMutex);
    return impl_->lastTotals;
}

Settings RemoteSession::settings() const {
    auto got = impl_->command("session_get", {{"fields", {"shoal_settings"}}});
    std::lock_guard lock(impl_->stateMutex);
    if (got && got->contains("shoal_settings"))
        if (auto s = settingsFromJson(dumpJson((*got)["shoal_settings"]))) impl_->lastSettings = s.value();
    return impl_->lastSettings;  // the last known settings if the daemon cannot be reached
}

Settings RemoteSession::effectiveSettings() const {
    auto got = impl_->command("session_get", {{"fields", {"shoal_effective_settings"}}});
    if (got && got->contains("shoal_effective_settings")) {
        if (auto s = settingsFromJson(dumpJson((*got)["shoal_effective_settings"]))) return s.value();
    }
    return settings();  // a daemon from before the key, or unreachable: the stored ones are the best guess
}

SubscriptionId RemoteSession::subscribe(EventHandler handler) { return impl_->events.add(std::move(handler)); }

void RemoteSession::unsubscribe(SubscriptionId id) { impl_->events.remove(id); }

Result<std::vector<TrafficDay>> RemoteSession::trafficHistory(TorrentId id, int days) {
    json params = {{"days", days}};
    if (id != kNoTorrent) params["id"] = id;
    auto got = impl_->command("shoal_traffic_history", params);
    if (!got) return got.error();
    std::vector<TrafficDay> out;
    try {
        for (const auto& d : got->at("days"))
            out.push_back(TrafficDay{d.at("day").get<std::string>(), d.at("downloaded_bytes").get<std::int64_t>(),
                                     d.at("uploaded_bytes").get<std::int64_t>()});
    } catch (const json::exception& e) {
        return makeError(ErrorCode::Network, std::string("malformed traffic history: ") + e.what());
    }
    return out;
}

}  // namespace shoal
