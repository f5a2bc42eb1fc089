// Settings validation and their JSON form in the library. Unknown keys are ignored and missing keys keep
// their defaults, so a library written by another version still loads.
#include <limits>
#include <nlohmann/json.hpp>

#include <ctime>
#include <string_view>

#include "shoal/settings.h"

namespace shoal {

namespace {

using nlohmann::json;

const char* toText(EncryptionPolicy p) {
    switch (p) {
        case EncryptionPolicy::Require: return "require";
        case EncryptionPolicy::Disable: return "disable";
        case EncryptionPolicy::Prefer: break;
    }
    return "prefer";
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool isHostChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-';
}

// "host:port" or "[v6]:port" with a port in range (0 allowed only where `allowZero`): a host of
// [A-Za-z0-9_.-]+ or [ [0-9A-Fa-f:.]+ ], then 1 to 5 digits. Not std::regex: a session opened on one
// thread while another compiles a pattern races in libstdc++'s shared ctype<char>::narrow cache.
bool isHostPort(std::string_view text, bool allowZero) {
    std::size_t colon = 0;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close < 2) return false;
        for (std::size_t i = 1; i < close; ++i)
            if (!isHex(text[i]) && text[i] != ':' && text[i] != '.') return false;
        colon = close + 1;
        if (colon >= text.size() || text[colon] != ':') return false;
    } else {
        colon = text.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        for (std::size_t i = 0; i < colon; ++i)
            if (!isHostChar(text[i])) return false;
    }
    const std::string_view digits = text.substr(colon + 1);
    if (digits.empty() || digits.size() > 5) return false;
    int port = 0;
    for (char c : digits) {
        if (!isDigit(c)) return false;
        port = port * 10 + (c - '0');
    }
    return port <= 65535 && (allowZero || port > 0);
}

std::vector<std::string> splitComma(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(',', start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

Error bad(const std::string& field, const std::string& why) {
    return makeError(ErrorCode::InvalidArgument, "setting " + field + ": " + why);
}

}  // namespace

Result<void> validate(const Settings& s) {
    if (s.listenInterfaces.empty()) return bad("listen_interfaces", "must name at least one ADDR:PORT");
    for (const auto& item : splitComma(s.listenInterfaces)) {
        if (!isHostPort(item, true)) return bad("listen_interfaces", "not an ADDR:PORT: '" + item + "'");
    }
    for (const auto& node : s.dhtBootstrapNodes) {
        if (!isHostPort(node, false)) return bad("dht_bootstrap_nodes", "not a HOST:PORT: '" + node + "'");
    }
    if (s.dhtAnnounceIntervalSeconds < 1) return bad("dht_announce_interval_seconds", "must be at least 1");
    if (s.connectionsLimit < 2) return bad("connections_limit", "must be at least 2");
    if (s.downloadLimit < 0) return bad("download_limit", "must be >= 0 (0 = unlimited)");
    if (s.uploadLimit < 0) return bad("upload_limit", "must be >= 0 (0 = unlimited)");
    if (s.altDownloadLimit < 0) return bad("alt_download_limit", "must be >= 0 (0 = unlimited)");
    if (s.altUploadLimit < 0) return bad("alt_upload_limit", "must be >= 0 (0 = unlimited)");
    if (s.altSpeedBeginMinute < 0 || s.altSpeedBeginMinute >= 24 * 60)
        return bad("alt_speed_begin_minute", "must be 0..1439 (minutes after midnight)");
    if (s.altSpeedEndMinute < 0 || s.altSpeedEndMinute >= 24 * 60)
        return bad("alt_speed_end_minute", "must be 0..1439 (minutes after midnight)");
    if (s.altSpeedDays < 0 || s.altSpeedDays > 0x7f) return bad("alt_speed_days", "must be a 7-bit day mask");
    if (s.activeDownloads < 0 || s.activeSeeds < 0 || s.activeLimit < 0)
        return bad("active_downloads/active_seeds/active_limit", "must be >= 0");
    if (s.seedRatioGoal && *s.seedRatioGoal < 0) return bad("seed_ratio_goal", "must be >= 0");
    if (s.seedTimeGoalSeconds && *s.seedTimeGoalSeconds < 0) return bad("seed_time_goal_seconds", "must be >= 0");
    if (s.resumeSaveIntervalSeconds < 1) return bad("resume_save_interval_seconds", "must be at least 1");
    if (s.aioThreads < 1 || s.aioThreads > 64) return bad("aio_threads", "must be 1..64");
    if (s.hashingThreads < 1 || s.hashingThreads > 64) return bad("hashing_threads", "must be 1..64");
    if (s.maxQueuedDiskBytes < 64 * 1024) return bad("max_queued_disk_bytes", "must be at least 64 KiB");
    if (s.alertQueueSize < 100) return bad("alert_queue_size", "must be at least 100");
    if (s.peerFingerprint.size() != 8) return bad("peer_fingerprint", "must be 8 characters, like -SH0100-");
    return {};
}

std::string settingsToJson(const Settings& s) {
    json j;
    j["listen_interfaces"] = s.listenInterfaces;
    j["outgoing_interfaces"] = s.outgoingInterfaces;
    j["enable_tcp"] = s.enableTcp;
    j["enable_utp"] = s.enableUtp;
    j["utp_outgoing"] = s.utpOutgoing;
    j["encryption"] = toText(s.encryption);
    j["allow_multiple_connections_per_ip"] = s.allowMultipleConnectionsPerIp;
    j["connections_limit"] = s.connectionsLimit;
    j["enable_dht"] = s.enableDht;
    j["dht_bootstrap_nodes"] = s.dhtBootstrapNodes;
    j["dht_announce_interval_seconds"] = s.dhtAnnounceIntervalSeconds;
    j["enable_lsd"] = s.enableLsd;
    j["enable_pex"] = s.enablePex;
    j["enable_upnp"] = s.enableUpnp;
    j["announce_to_all_trackers"] = s.announceToAllTrackers;
    j["download_limit"] = s.downloadLimit;
    j["upload_limit"] = s.uploadLimit;
    j["alt_download_limit"] = s.altDownloadLimit;
    j["alt_upload_limit"] = s.altUploadLimit;
    j["alt_speed_enabled"] = s.altSpeedEnabled;
    j["alt_speed_scheduled"] = s.altSpeedScheduled;
    j["alt_speed_begin_minute"] = s.altSpeedBeginMinute;
    j["alt_speed_end_minute"] = s.altSpeedEndMinute;
    j["alt_speed_days"] = s.altSpeedDays;
    j["queueing_enabled"] = s.queueingEnabled;
    j["active_downloads"] = s.activeDownloads;
    j["active_seeds"] = s.activeSeeds;
    j["active_limit"] = s.activeLimit;
    j["seed_ratio_goal"] = s.seedRatioGoal ? json(*s.seedRatioGoal) : json(nullptr);
    j["seed_time_goal_seconds"] = s.seedTimeGoalSeconds ? json(*s.seedTimeGoalSeconds) : json(nullptr);
    j["default_save_path"] = s.defaultSavePath;
    j["incomplete_save_path"] = s.incompleteSavePath;
    j["resume_save_interval_seconds"] = s.resumeSaveIntervalSeconds;
    j["aio_threads"] = s.aioThreads;
    j["hashing_threads"] = s.hashingThreads;
    j["max_queued_disk_bytes"] = s.maxQueuedDiskBytes;
    j["alert_queue_size"] = s.alertQueueSize;
    j["peer_fingerprint"] = s.peerFingerprint;
    j["user_agent"] = s.userAgent;
    // Paths are the user's bytes and need not be UTF-8; the stored JSON must not throw on them.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool altSpeedActive(const Settings& s, std::int64_t unixSeconds) {
    if (s.altSpeedEnabled) return true;
    if (!s.altSpeedScheduled) return false;
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm local{};
    localtime_r(&t, &local);
    const int minute = local.tm_hour * 60 + local.tm_min;
    const int begin = s.altSpeedBeginMinute, end = s.altSpeedEndMinute;
    // A window that crosses midnight (22:00-06:00) belongs to the day it began on.
    int day = local.tm_wday;
    bool inside;
    if (begin <= end) {
        inside = minute >= begin && minute < end;
    } else {
        inside = minute >= begin || minute < end;
        if (minute < end) day = (day + 6) % 7;
    }
    return inside && (s.altSpeedDays & (1 << day)) != 0;
}

Result<Settings> settingsFromJson(const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return makeError(ErrorCode::BadInput, "settings are not a JSON object");
    Settings s;
    std::string error;
    auto read = [&](const char* key, auto& field) {
        if (!error.empty() || !j.contains(key)) return;
        using Field = std::decay_t<decltype(field)>;
        const json& value = j.at(key);
        if constexpr (std::is_integral_v<Field> && !std::is_same_v<Field, bool>) {
            // nlohmann turns 1e300 or 2^40 into an int by a plain cast (undefined behaviour): check first.
            bool fits = false;
            if (value.is_number_unsigned())
                fits = value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<Field>::max());
            else if (value.is_number_integer())
                fits = value.get<std::int64_t>() >= static_cast<std::int64_t>(std::numeric_limits<Field>::min()) &&
                       value.get<std::int64_t>() <= static_cast<std::int64_t>(std::numeric_limits<Field>::max());
            if (!fits) {
                error = std::string("setting ") + key + " must be a whole number from " +
                        std::to_string(std::numeric_limits<Field>::min()) + " to " +
                        std::to_string(std::numeric_limits<Field>::max());
                return;
            }
        }
        try {
            value.get_to(field);
        } catch (const json::exception&) {
            error = std::string("setting ") + key + " has the wrong type";
        }
    };
    auto readOptional = [&](const char* key, auto& field) {
        if (!error.empty() || !j.contains(key)) return;
        if (j.at(key).is_null()) {
            field.reset();
            return;
        }
        typename std::decay_t<decltype(field)>::value_type value{};
        read(key, value);
        if (error.empty()) field = value;
    };
    read("listen_interfaces", s.listenInterfaces);
    read("outgoing_interfaces", s.outgoingInterfaces);
    read("enable_tcp", s.enableTcp);
    read("enable_utp", s.enableUtp);
    read("utp_outgoing", s.utpOutgoing);
    std::string encryption = toText(s.encryption);
    read("encryption", encryption);
    read("allow_multiple_connections_per_ip", s.allowMultipleConnectionsPerIp);
    read("connections_limit", s.connectionsLimit);
    read("enable_dht", s.enableDht);
    read("dht_bootstrap_nodes", s.dhtBootstrapNodes);
    read("dht_announce_interval_seconds", s.dhtAnnounceIntervalSeconds);
    read("enable_lsd", s.enableLsd);
    read("enable_pex", s.enablePex);
    read("enable_upnp", s.enableUpnp);
    read("announce_to_all_trackers", s.announceToAllTrackers);
    read("download_limit", s.downloadLimit);
    read("upload_limit", s.uploadLimit);
    read("alt_download_limit", s.altDownloadLimit);
    read("alt_upload_limit", s.altUploadLimit);
    read("alt_speed_enabled", s.altSpeedEnabled);
    read("alt_speed_scheduled", s.altSpeedScheduled);
    read("alt_speed_begin_minute", s.altSpeedBeginMinute);
    read("alt_speed_end_minute", s.altSpeedEndMinute);
    read("alt_speed_days", s.altSpeedDays);
    read("queueing_enabled", s.queueingEnabled);
    read("active_downloads", s.activeDownloads);
    read("active_seeds", s.activeSeeds);
    read("active_limit", s.activeLimit);
    readOptional("seed_ratio_goal", s.seedRatioGoal);
    readOptional("seed_time_goal_seconds", s.seedTimeGoalSeconds);
    read("default_save_path", s.defaultSavePath);
    read("incomplete_save_path", s.incompleteSavePath);
    read("resume_save_interval_seconds", s.resumeSaveIntervalSeconds);
    read("aio_threads", s.aioThreads);
    read("hashing_threads", s.hashingThreads);
    read("max_queued_disk_bytes", s.maxQueuedDiskBytes);
    read("alert_queue_size", s.alertQueueSize);
    read("peer_fingerprint", s.peerFingerprint);
    read("user_agent", s.userAgent);
    if (!error.empty()) return makeError(ErrorCode::BadInput, error);
    if (encryption == "require") s.encryption = EncryptionPolicy::Require;
    else if (encryption == "disable") s.encryption = EncryptionPolicy::Disable;
    else if (encryption == "prefer") s.encryption = EncryptionPolicy::Prefer;
    else return makeError(ErrorCode::BadInput, "setting encryption: want prefer, require or disable");
    return s;
}

}  // namespace shoal
