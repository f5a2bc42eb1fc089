// Session methods of Transmission's RPC: session-get/-set (Transmission's keys mapped onto Settings, and
// the whole Settings as shoal-settings), session-stats, free-space, port-test, blocklist-update,
// session-close.
#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <tuple>

#include "rpc/json_text.h"
#include "rpc/rpc_args.h"
#include "rpc/rpc_context.h"
#include "rpc/snapshot_json.h"

namespace shoal::rpc {

namespace {

constexpr int kRpcVersion = 18;  // Transmission 4.1's: JSON-RPC 2.0 and the legacy format both spoken
constexpr int kRpcVersionMinimum = 14;
constexpr const char* kRpcSemver = "6.0.0";

int boundPeerPort(const SessionTotals& totals) {
    for (const auto& endpoint : totals.listenEndpoints) {
        const auto colon = endpoint.rfind(':');
        if (colon != std::string::npos) return std::atoi(endpoint.c_str() + colon + 1);
    }
    return 0;
}

std::string encryptionName(EncryptionPolicy p) {
    switch (p) {
        case EncryptionPolicy::Require:
            return "required";
        case EncryptionPolicy::Disable:
            return "tolerated";
        default:
            return "preferred";
    }
}

std::string downloadDir(const Settings& s) {
    if (!s.defaultSavePath.empty()) return s.defaultSavePath;
    const char* home = std::getenv("HOME");
    return home ? std::string(home) + "/Downloads" : "";
}

json sessionArguments(RpcContext& ctx) {
    // Transmission's keys say what the daemon runs with; shoal-settings is what session-set changes.
    const Settings stored = ctx.session.settings();
    const Settings s = ctx.session.effectiveSettings();
    const SessionTotals totals = ctx.session.totals();
    json units = {{"speed-units", {"kB/s", "MB/s", "GB/s", "TB/s"}}, {"speed-bytes", 1024},
                  {"size-units", {"KiB", "MiB", "GiB", "TiB"}},      {"size-bytes", 1024},
                  {"memory-units", {"KiB", "MiB", "GiB", "TiB"}},    {"memory-bytes", 1024}};
    std::error_code ec;
    const auto space = std::filesystem::space(downloadDir(s), ec);
    return {
        {"version", "4.1.0 (Shoal " SHOAL_VERSION ")"},
        {"rpc-version", kRpcVersion},
        {"rpc-version-minimum", kRpcVersionMinimum},
        {"rpc-version-semver", kRpcSemver},
        {"session-id", ctx.sessionId},
        {"config-dir", ctx.options.configDir},
        {"download-dir", downloadDir(s)},
        {"download-dir-free-space", ec ? -1 : static_cast<std::int64_t>(space.available)},
        {"incomplete-dir", s.incompleteSavePath},
        {"incomplete-dir-enabled", !s.incompleteSavePath.empty()},
        {"peer-port", boundPeerPort(totals)},
        {"peer-port-random-on-start", false},
        {"port-forwarding-enabled", s.enableUpnp},
        {"dht-enabled", s.enableDht},
        {"lpd-enabled", s.enableLsd},
        {"pex-enabled", s.enablePex},
        {"utp-enabled", s.enableUtp},
        {"encryption", encryptionName(s.encryption)},
        {"peer-limit-global", s.connectionsLimit},
        {"peer-limit-per-torrent", s.connectionsLimit},
        {"speed-limit-down", s.downloadLimit / 1024},
        {"speed-limit-down-enabled", s.downloadLimit > 0},
        {"speed-limit-up", s.uploadLimit / 1024},
        {"speed-limit-up-enabled", s.uploadLimit > 0},
        {"alt-speed-enabled", s.altSpeedEnabled},
        {"alt-speed-down", s.altDownloadLimit / 1024},
        {"alt-speed-up", s.altUploadLimit / 1024},
        {"alt-speed-time-enabled", s.altSpeedScheduled},
        {"alt-speed-time-begin", s.altSpeedBeginMinute},
        {"alt-speed-time-end", s.altSpeedEndMinute},
        {"alt-speed-time-day", s.altSpeedDays},
        {"download-queue-enabled", s.queueingEnabled},
        {"download-queue-size", s.activeDownloads},
        {"seed-queue-enabled", s.queueingEnabled},
        {"seed-queue-size", s.activeSeeds},
        {"queue-stalled-enabled", false},
        {"queue-stalled-minutes", 0},
        {"seedRatioLimit", s.seedRatioGoal.value_or(2.0)},
        {"seedRatioLimited", s.seedRatioGoal.has_value()},
        {"idle-seeding-limit", 0},
        {"idle-seeding-limit-enabled", false},
        {"blocklist-enabled", false},
        {"blocklist-size", 0},
        {"blocklist-url", ""},
        {"cache-size-mb", s.maxQueuedDiskBytes / (1024 * 1024)},
        {"rename-partial-files", false},
        {"start-added-torrents", true},
        {"trash-original-torrent-files", false},
        {"script-torrent-added-enabled", false},
        {"script-torrent-added-filename", ""},
        {"script-torrent-done-enabled", false},
        {"script-torrent-done-filename", ""},
        {"script-torrent-done-seeding-enabled", false},
        {"script-torrent-done-seeding-filename", ""},
        {"default-trackers", ""},
        {"units", units},
        {"shoal-settings", settingsForAnswer(stored)},
        {"shoal-effective-settings", settingsForAnswer(s)},
        {"shoal-seed-time-goal", s.seedTimeGoalSeconds ? json(*s.seedTimeGoalSeconds) : json(nullptr)},
        {"shoal-listen-endpoints", totals.listenEndpoints},
    };
}

MethodResult sessionGet(const json& args, RpcContext& ctx) {
    json all = sessionArguments(ctx);
    MethodResult result;
    if (auto it = args.find("fields"); it != args.end()) {
        for (const auto& field : it->get<std::vector<std::string>>())
            if (all.contains(field)) result.arguments[field] = all[field];
    } else {
        result.arguments = std::move(all);
    }
    return result;
}

MethodResult sessionSet(const json& a, RpcContext& ctx) {
    const Settings before = ctx.session.settings();
    Settings s = before;
    if (auto it = a.find("shoal-settings"); it != a.end()) {
        auto parsed = settingsFromJson(dumpJson(*it));
        if (!parsed) return MethodResult::fromError(parsed.error());
        s = parsed.value();
    }
    // Every number is range-checked before anything changes (kB/s * 1024 must fit the int it lands in).
    ArgReader numbers(a);
    const auto limitKb = [&](const char* key) { return numbers.integer(key, 0, kMaxSpeedKBps); };
    const auto peerLimit = numbers.integer("peer-limit-global", 2, kMaxPeerLimit);
    const auto peerPort = numbers.integer("peer-port", 0, 65535);
    const auto downKb = limitKb("speed-limit-down"), upKb = limitKb("speed-limit-up");
    const auto altDownKb = limitKb("alt-speed-down"), altUpKb = limitKb("alt-speed-up");
    const auto altBegin = numbers.integer("alt-speed-time-begin", 0, 24 * 60 - 1);
    const auto altEnd = numbers.integer("alt-speed-time-end", 0, 24 * 60 - 1);
    const auto altDays = numbers.integer("alt-speed-time-day", 0, 0x7f);
    const auto downloadQueue = numbers.integer("download-queue-size", 0, kMaxQueueSize);
    const auto seedQueue = numbers.integer("seed-queue-size", 0, kMaxQueueSize);
    const auto ratio = numbers.real("seedRatioLimit", 0, kMaxRatio);
    if (a.contains("shoal-seed-time-goal") && !a["shoal-seed-time-goal"].is_null())
        (void)numbers.integer("shoal-seed-time-goal", 0, kMaxSeedSeconds);
    if (numbers.error()) return MethodResult::fromError(*numbers.error());

    if (a.contains("download-dir")) s.defaultSavePath = a["download-dir"].get<std::string>();
    if (a.contains("dht-enabled")) s.enableDht = a["dht-enabled"].get<bool>();
    if (a.contains("lpd-enabled")) s.enableLsd = a["lpd-enabled"].get<bool>();
    if (a.contains("pex-enabled")) s.enablePex = a["pex-enabled"].get<bool>();
    if (a.contains("utp-enabled")) s.enableUtp = a["utp-enabled"].get<bool>();
    if (a.contains("port-forwarding-enabled")) s.enableUpnp = a["port-forwarding-enabled"].get<bool>();
    if (peerLimit) s.connectionsLimit = static_cast<int>(*peerLimit);
    if (a.contains("encryption")) {
        const std::string e = a["encryption"].get<std::string>();
        if (e == "required")
            s.encryption = EncryptionPolicy::Require;
        else if (e == "preferred")
            s.encryption = EncryptionPolicy::Prefer;
        else if (e == "tolerated")
            s.encryption = EncryptionPolicy::Disable;
        else
            return MethodResult::fail(kInvalidParams, "encryption must be required, preferred or tolerated");
    }
    if (peerPort)
        s.listenInterfaces = "0.0.0.0:" + std::to_string(*peerPort) + ",[::]:" + std::to_string(*peerPort);
    const auto limit = [&](const std::optional<std::int64_t>& kb, const char* enabled, int& out) {
        if (!kb && !a.contains(enabled)) return;
        const std::int64_t value = kb.value_or(out / 1024);
        out = a.value(enabled, out > 0) && value > 0 ? static_cast<int>(value * 1024) : 0;
    };
    limit(downKb, "speed-limit-down-enabled", s.downloadLimit);
    limit(upKb, "speed-limit-up-enabled", s.uploadLimit);
    // Transmission's turtle mode: the limits apply while it is on or while the schedule says so.
    if (a.contains("alt-speed-enabled")) s.altSpeedEnabled = a["alt-speed-enabled"].get<bool>();
    if (altDownKb) s.altDownloadLimit = static_cast<int>(*altDownKb * 1024);
    if (altUpKb) s.altUploadLimit = static_cast<int>(*altUpKb * 1024);
    if (a.contains("alt-speed-time-enabled")) s.altSpeedScheduled = a["alt-speed-time-enabled"].get<bool>();
    if (altBegin) s.altSpeedBeginMinute = static_cast<int>(*altBegin);
    if (altEnd) s.altSpeedEndMinute = static_cast<int>(*altEnd);
    if (altDays) s.altSpeedDays = static_cast<int>(*altDays);
    if (a.contains("incomplete-dir") || a.contains("incomplete-dir-enabled")) {
        // Shoal keeps no disabled folder: turning it off forgets it, as qBittorrent's setting does.
        const std::string dir = a.value("incomplete-dir", s.incompleteSavePath);
        const bool enabled = a.value("incomplete-dir-enabled", !s.incompleteSavePath.empty() || a.contains("incomplete-dir"));
        if (enabled && dir.empty()) return MethodResult::fail(kInvalidParams, "incomplete-dir-enabled needs an incomplete-dir");
        s.incompleteSavePath = enabled ? dir : "";
    }
    if (a.contains("download-queue-enabled")) s.queueingEnabled = a["download-queue-enabled"].get<bool>();
    if (a.contains("seed-queue-enabled")) s.queueingEnabled = a["seed-queue-enabled"].get<bool>();
    if (downloadQueue) s.activeDownloads = static_cast<int>(*downloadQueue);
    if (seedQueue) s.activeSeeds = static_cast<int>(*seedQueue);
    if (a.contains("seedRatioLimited") || ratio) {
        s.seedRatioGoal = a.value("seedRatioLimited", s.seedRatioGoal.has_value())
                              ? std::optional(ratio.value_or(s.seedRatioGoal.value_or(2.0)))
                              : std::nullopt;
    }
    if (a.contains("shoal-seed-time-goal")) {
        const json& v = a["shoal-seed-time-goal"];
        s.seedTimeGoalSeconds = v.is_null() ? std::nullopt : std::optional(v.get<std::int64_t>());
    }
    // Folders are absolute, as Transmission requires: a relative one would resolve against whatever
    // directory the daemon was started in. (shoal-settings can name them too, hence after the merge.)
    for (const auto& [key, dir, old] : {std::tuple{"download-dir", &s.defaultSavePath, &before.defaultSavePath},
                                        std::tuple{"incomplete-dir", &s.incompleteSavePath,
                                                   &before.incompleteSavePath}}) {
        if (*dir != *old && !dir->empty() && !std::filesystem::path(*dir).is_absolute())
            return MethodResult::fail(kInvalidParams, std::string(key) + " must be an absolute path: " + *dir);
    }
    if (auto done = ctx.session.applySettings(s); !done) return MethodResult::fromError(done.error());
    return {};
}

// Shoal's own: the library's daily traffic history, of one torrent ("id") or of all ("id" absent).
MethodResult trafficHistory(const json& args, RpcContext& ctx) {
    TorrentId id = kNoTorrent;
    int days = 30;
    if (args.contains("id")) {
        if (!args["id"].is_number_integer() || args["id"].get<std::int64_t>() < 1)
            return MethodResult::fail(kInvalidParams, "\"id\" must be a torrent id");
        id = args["id"].get<TorrentId>();
    }
    if (args.contains("days")) {
        if (!args["days"].is_number_integer() || args["days"].get<std::int64_t>() < 1 ||
            args["days"].get<std::int64_t>() > 100000)
            return MethodResult::fail(kInvalidParams, "\"days\" must be an integer from 1 to 100000");
        days = args["days"].get<int>();
    }
    auto history = ctx.session.trafficHistory(id, days);
    if (!history) return MethodResult::fromError(history.error());
    json list = json::array();
    for (const auto& d : history.value())
        list.push_back({{"day", d.day}, {"downloadedBytes", d.downloaded}, {"uploadedBytes", d.uploaded}});
    MethodResult result;
    result.arguments = {{"days", std::move(list)}};
    return result;
}

MethodResult sessionStats(const json&, RpcContext& ctx) {
    const auto torrents = ctx.session.torrents();
    const SessionTotals t = ctx.session.totals();
    const int paused =
        static_cast<int>(std::count_if(torrents.begin(), torrents.end(), [](const TorrentStatus& s) {
            return s.state == TorrentState::Stopped || s.state == TorrentState::Completed;
        }));
    const auto uptime =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - ctx.started)
            .count();
    MethodResult result;
    result.arguments = {
        {"torrentCount", torrents.size()},
        {"activeTorrentCount", static_cast<int>(torrents.size()) - paused},
        {"pausedTorrentCount", paused},
        {"downloadSpeed", t.downloadRate},
        {"uploadSpeed", t.uploadRate},
        {"current-stats",
         {{"uploadedBytes", t.uploadedThisRun},
          {"downloadedBytes", t.downloadedThisRun},
          {"filesAdded", ctx.activity.addedThisRun()},
          {"sessionCount", 1},
          {"secondsActive", uptime}}},
        // Shoal keeps all-time payload totals but not a count of runs or their durations: those show
        // this run's values.
        {"cumulative-stats",
         {{"uploadedBytes", t.allTimeUploaded},
          {"downloadedBytes", t.allTimeDownloaded},
          {"filesAdded", torrents.size()},
          {"sessionCount", 1},
          {"secondsActive", uptime}}},
        {"shoal-totals", toJson(t)},
    };
    return result;
}

MethodResult freeSpace(const json& args, RpcContext&) {
    const auto it = args.find("path");
    if (it == args.end()) return MethodResult::fail(kInvalidParams, "free-space needs \"path\"");
    const std::string path = it->get<std::string>();
    std::error_code ec;
    const auto space = std::filesystem::space(path, ec);
    if (ec) return MethodResult::fail(kOperationFailed, path + ": " + ec.message());
    MethodResult result;
    result.arguments = {{"path", path}, {"size-bytes", space.available}, {"total_size", space.capacity}};
    return result;
}

// Transmission asks an outside web service; Shoal does not contact one. It reports whether its peer
// port accepts connections from this machine, and says so in shoal-checked-from.
MethodResult portTest(const json&, RpcContext& ctx) {
    const SessionTotals totals = ctx.session.totals();
    bool open = false;
    for (const auto& endpoint : totals.listenEndpoints) {
        const auto colon = endpoint.rfind(':');
        if (colon == std::string::npos) continue;
        std::string host = endpoint.substr(0, colon);
        if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
        if (host == "0.0.0.0") host = "127.0.0.1";
        if (host == "::") host = "::1";
        boost::asio::io_context io;
        boost::asio::ip::tcp::socket socket(io);
        boost::system::error_code ec;
        const auto address = boost::asio::ip::make_address(host, ec);
        if (ec) continue;
        socket.connect({address, static_cast<unsigned short>(std::atoi(endpoint.c_str() + colon + 1))}, ec);
        if (!ec) {
            open = true;
            break;
        }
    }
    MethodResult result;
    result.arguments = {{"port-is-open", open}, {"shoal-checked-from", "localhost"}};
    return result;
}

MethodResult blocklistUpdate(const json&, RpcContext&) {
    return MethodResult::fail(kOperationFailed,
                              "no blocklist is configured: Shoal has no blocklist support yet");
}

MethodResult sessionClose(const json&, RpcContext& ctx) {
    if (!ctx.options.onSessionClose)
        return MethodResult::fail(kOperationFailed, "this server cannot be closed remotely");
    ctx.options.onSessionClose();
    return {};
}

}  // namespace

void addSessionMethods(MethodTable& table) {
    table["session-get"] = sessionGet;
    table["session-set"] = sessionSet;
    table["session-stats"] = sessionStats;
    table["shoal-traffic-history"] = trafficHistory;
    table["free-space"] = freeSpace;
    table["port-test"] = portTest;
    table["blocklist-update"] = blocklistUpdate;
    table["session-close"] = sessionClose;
}

}  // namespace shoal::rpc
