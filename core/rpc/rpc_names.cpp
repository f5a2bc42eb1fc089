// Key spelling between the two wire formats. The snake_case names are derived from the legacy ones by
// rule, and the reverse map is built from every legacy key the methods use.
#include "rpc/rpc_names.h"

#include <cctype>
#include <map>

#include "rpc/rpc_fields.h"

namespace shoal::rpc {

using nlohmann::json;

namespace {

// Legacy keys of requests and session-get that are not torrent-get fields.
const char* const kArgumentKeys[] = {
    "ids",
    "fields",
    "format",
    "filename",
    "metainfo",
    "download-dir",
    "paused",
    "labels",
    "cookies",
    "peer-limit",
    "bandwidthPriority",
    "files-wanted",
    "files-unwanted",
    "priority-high",
    "priority-low",
    "priority-normal",
    "delete-local-data",
    "location",
    "move",
    "path",
    "name",
    "recently-active",
    "torrent-added",
    "torrent-duplicate",
    "torrents",
    "removed",
    "downloadLimit",
    "downloadLimited",
    "uploadLimit",
    "uploadLimited",
    "honorsSessionLimits",
    "queuePosition",
    "seedIdleLimit",
    "seedIdleMode",
    "seedRatioLimit",
    "seedRatioMode",
    "trackerAdd",
    "trackerList",
    "trackerRemove",
    "trackerReplace",
    "sequentialDownload",
    "alt-speed-down",
    "alt-speed-enabled",
    "alt-speed-time-begin",
    "alt-speed-time-day",
    "alt-speed-time-enabled",
    "alt-speed-time-end",
    "alt-speed-up",
    "blocklist-enabled",
    "blocklist-size",
    "blocklist-url",
    "cache-size-mb",
    "config-dir",
    "default-trackers",
    "dht-enabled",
    "download-dir-free-space",
    "download-queue-enabled",
    "download-queue-size",
    "encryption",
    "idle-seeding-limit-enabled",
    "idle-seeding-limit",
    "incomplete-dir-enabled",
    "incomplete-dir",
    "lpd-enabled",
    "peer-limit-global",
    "peer-limit-per-torrent",
    "peer-port-random-on-start",
    "peer-port",
    "pex-enabled",
    "port-forwarding-enabled",
    "queue-stalled-enabled",
    "queue-stalled-minutes",
    "rename-partial-files",
    "rpc-version-minimum",
    "rpc-version-semver",
    "rpc-version",
    "script-torrent-added-enabled",
    "script-torrent-added-filename",
    "script-torrent-done-enabled",
    "script-torrent-done-filename",
    "script-torrent-done-seeding-enabled",
    "script-torrent-done-seeding-filename",
    "seed-queue-enabled",
    "seed-queue-size",
    "seedRatioLimited",
    "speed-limit-down-enabled",
    "speed-limit-down",
    "speed-limit-up-enabled",
    "speed-limit-up",
    "start-added-torrents",
    "trash-original-torrent-files",
    "units",
    "utp-enabled",
    "version",
    "session-id",
    "speed-units",
    "speed-bytes",
    "size-units",
    "size-bytes",
    "memory-units",
    "memory-bytes",
    "activeTorrentCount",
    "downloadSpeed",
    "pausedTorrentCount",
    "torrentCount",
    "uploadSpeed",
    "cumulative-stats",
    "current-stats",
    "uploadedBytes",
    "downloadedBytes",
    "filesAdded",
    "sessionCount",
    "secondsActive",
    "port-is-open",
    "size-bytes",
    "total_size",
    "bytesCompleted",
    "length",
    "wanted",
    "priority",
    "clientName",
    "clientIsChoked",
    "clientIsInterested",
    "flagStr",
    "isDownloadingFrom",
    "isEncrypted",
    "isIncoming",
    "isUploadingTo",
    "isUTP",
    "peerIsChoked",
    "peerIsInterested",
    "port",
    "progress",
    "rateToClient",
    "rateToPeer",
    "fromCache",
    "fromDht",
    "fromIncoming",
    "fromLpd",
    "fromLtep",
    "fromPex",
    "fromTracker",
    "announce",
    "scrape",
    "sitename",
    "tier",
    "announceState",
    "downloadCount",
    "hasAnnounced",
    "hasScraped",
    "host",
    "isBackup",
    "lastAnnouncePeerCount",
    "lastAnnounceResult",
    "lastAnnounceStartTime",
    "lastAnnounceSucceeded",
    "lastAnnounceTime",
    "lastAnnounceTimedOut",
    "lastScrapeResult",
    "lastScrapeStartTime",
    "lastScrapeSucceeded",
    "lastScrapeTime",
    "lastScrapeTimedOut",
    "leecherCount",
    "nextAnnounceTime",
    "nextScrapeTime",
    "scrapeState",
    "seederCount",
    "index",
};

const std::map<std::string, std::string>& reverseMap() {
    static const std::map<std::string, std::string> map = [] {
        std::map<std::string, std::string> m;
        for (const char* key : kArgumentKeys) m.emplace(toSnakeCase(key), key);
        for (const auto& key : knownTorrentFields()) m.emplace(toSnakeCase(key), key);
        return m;
    }();
    return map;
}

bool isShoalKey(const std::string& key) { return key.rfind("shoal-", 0) == 0 || key.rfind("shoal_", 0) == 0; }

json convertKeys(const json& value, bool toLegacy) {
    if (value.is_array()) {
        json out = json::array();
        for (const auto& item : value) out.push_back(convertKeys(item, toLegacy));
        return out;
    }
    if (!value.is_object()) return value;
    json out = json::object();
    for (const auto& [key, item] : value.items()) {
        const std::string name = toLegacy ? toLegacyName(key) : toSnakeCase(key);
        if (isShoalKey(name)) {
            out[name] = item;  // Shoal's own objects keep their spelling inside
        } else if (toLegacy && (name == "fields") && item.is_array()) {
            json names = json::array();
            for (const auto& f : item)
                names.push_back(f.is_string() ? json(toLegacyName(f.get<std::string>())) : f);
            out[name] = names;
        } else if (toLegacy && name == "ids" && item == "recently_active") {
            out[name] = "recently-active";
        } else {
            out[name] = convertKeys(item, toLegacy);
        }
    }
    return out;
}

}  // namespace

std::string toSnakeCase(const std::string& legacy) {
    std::string out;
    for (char c : legacy) {
        if (c == '-')
            out += '_';
        else if (std::isupper(static_cast<unsigned char>(c)))
            out += '_', out += static_cast<char>(std::tolower(c));
        else
            out += c;
    }
    return out;
}

std::string toLegacyName(const std::string& snake) {
    const auto& map = reverseMap();
    if (auto it = map.find(snake); it != map.end()) return it->second;
    if (isShoalKey(snake)) {
        std::string out = snake;
        for (char& c : out)
            if (c == '_') c = '-';
        return out;
    }
    return snake;
}

std::string toLegacyMethod(const std::string& snake) {
    std::string out = snake;
    for (char& c : out)
        if (c == '_') c = '-';
    return out;
}

json argumentsToLegacy(const json& params) { return convertKeys(params, true); }

json resultToSnake(const json& result) {
    json out = convertKeys(result, false);
    // torrent-get's table format: the first row holds field names.
    if (auto it = out.find("torrents");
        it != out.end() && it->is_array() && !it->empty() && (*it)[0].is_array()) {
        for (auto& name : (*it)[0])
            if (name.is_string()) name = toSnakeCase(name.get<std::string>());
    }
    return out;
}

}  // namespace shoal::rpc
