// Transmission's torrent fields from Shoal's snapshots. Where Shoal has no such value the field holds
// Transmission's "none" value (0, "", false), never a made-up number; comments say which.
#include "rpc/rpc_fields.h"

#include <chrono>
#include <functional>
#include <map>

#include "rpc/base64.h"
#include "rpc/rpc_context.h"
#include "rpc/snapshot_json.h"

namespace shoal::rpc {

namespace {

using Getter = std::function<json(const TorrentStatus&, const TorrentDetails*)>;

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t leftUntilDone(const TorrentStatus& s) {
    return std::max<std::int64_t>(0, s.totalWanted - s.totalWantedDone);
}

std::string piecesBase64(const std::vector<bool>& pieces) {
    std::string bits((pieces.size() + 7) / 8, '\0');
    for (std::size_t i = 0; i < pieces.size(); ++i)
        if (pieces[i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (0x80 >> (i % 8)));
    return base64Encode(bits);
}

std::string hostOfUrl(const std::string& url) {
    const auto scheme = url.find("://");
    const std::size_t from = scheme == std::string::npos ? 0 : scheme + 3;
    const auto end = url.find_first_of(":/", from);
    return url.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

std::pair<std::string, int> splitAddress(const std::string& endpoint) {
    const auto colon = endpoint.rfind(':');
    if (colon == std::string::npos) return {endpoint, 0};
    std::string host = endpoint.substr(0, colon);
    if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
    try {
        return {host, std::stoi(endpoint.substr(colon + 1))};
    } catch (const std::exception&) {
        return {host, 0};
    }
}

json filesOf(const TorrentDetails& d) {
    json out = json::array();
    for (const auto& f : d.files)
        out.push_back({{"name", f.path}, {"length", f.size}, {"bytesCompleted", f.downloaded}});
    return out;
}

json fileStatsOf(const TorrentDetails& d) {
    json out = json::array();
    for (const auto& f : d.files) {
        out.push_back({{"bytesCompleted", f.downloaded},
                       {"wanted", f.priority != FilePriority::Skip},
                       {"priority", transmissionPriority(f.priority)}});
    }
    return out;
}

json peersOf(const TorrentDetails& d) {
    json out = json::array();
    for (const auto& p : d.peers) {
        const auto [ip, port] = splitAddress(p.address);
        out.push_back({{"address", ip},
                       {"port", port},
                       {"clientName", p.client},
                       {"flagStr", p.flags},
                       {"progress", p.progress},
                       {"rateToClient", p.downloadRate},
                       {"rateToPeer", p.uploadRate},
                       {"isEncrypted", p.encrypted},
                       {"isUTP", p.utp},
                       {"isIncoming", p.source == "incoming"},
                       {"isDownloadingFrom", p.downloadRate > 0},
                       {"isUploadingTo", p.uploadRate > 0},
                       // Choke/interest states are not in Shoal's peer snapshot.
                       {"clientIsChoked", false},
                       {"clientIsInterested", false},
                       {"peerIsChoked", false},
                       {"peerIsInterested", false}});
    }
    return out;
}

json peersFromOf(const TorrentDetails& d) {
    std::map<std::string, int> by;
    for (const auto& p : d.peers) ++by[p.source];
    return {
        {"fromCache", 0}, {"fromDht", by["dht"]}, {"fromIncoming", by["incoming"]}, {"fromLpd", by["lsd"]},
        {"fromLtep", 0},  {"fromPex", by["pex"]}, {"fromTracker", by["tracker"]}};
}

json trackersOf(const TorrentDetails& d) {
    json out = json::array();
    int id = 0;
    for (const auto& t : d.trackers)
        out.push_back({{"announce", t.url},
                       {"id", id++},
                       {"scrape", ""},
                       {"sitename", hostOfUrl(t.url)},
                       {"tier", t.tier}});
    return out;
}

json trackerStatsOf(const TorrentDetails& d) {
    json out = json::array();
    int id = 0;
    const std::int64_t now = unixNow();
    for (const auto& t : d.trackers) {
        const bool working = t.status == "working";
        // Transmission's announceState: 0 inactive, 1 waiting, 2 queued, 3 active.
        const int announceState = t.status == "updating" ? 3 : 1;
        out.push_back({{"id", id++},
                       {"announce", t.url},
                       {"scrape", ""},
                       {"host", hostOfUrl(t.url)},
                       {"sitename", hostOfUrl(t.url)},
                       {"tier", t.tier},
                       {"isBackup", false},
                       {"announceState", announceState},
                       {"scrapeState", 0},
                       {"hasAnnounced", working || t.status == "error"},
                       {"hasScraped", false},
                       {"lastAnnounceSucceeded", working},
                       {"lastAnnounceTimedOut", false},
                       {"lastAnnounceResult", t.message.empty() ? (working ? "Success" : "") : t.message},
                       {"lastAnnouncePeerCount", 0},
                       {"lastAnnounceTime", 0},
                       {"lastAnnounceStartTime", 0},
                       {"lastScrapeResult", ""},
                       {"lastScrapeSucceeded", false},
                       {"lastScrapeTime", 0},
                       {"lastScrapeStartTime", 0},
                       {"lastScrapeTimedOut", false},
                       {"nextAnnounceTime", t.nextAnnounceSeconds >= 0 ? now + t.nextAnnounceSeconds : 0},
                       {"nextScrapeTime", 0},
                       {"seederCount", t.seeds},
                       {"leecherCount", t.peers},
                       {"downloadCount", -1}});
    }
    return out;
}

std::string trackerListOf(const TorrentDetails& d) {
    std::string out;
    int tier = d.trackers.empty() ? 0 : d.trackers.front().tier;
    for (const auto& t : d.trackers) {
        if (!out.empty()) out += t.tier != tier ? "\n\n" : "\n";
        tier = t.tier;
        out += t.url;
    }
    return out;
}

json availabilityOf(const TorrentDetails& d) {
    json out = json::array();
    for (std::size_t i = 0; i < d.availability.size(); ++i)
        out.push_back(i < d.pieces.size() && d.pieces[i] ? -1 : d.availability[i]);
    return out;
}

// The status-only fields: cheap, no engine call.
const std::map<std::string, Getter>& statusFields() {
    using S = TorrentStatus;
    using D = const TorrentDetails*;
    static const std::map<std::string, Getter> fields = {
        {"id", [](const S& s, D) { return json(s.id); }},
        {"name", [](const S& s, D) { return json(s.name); }},
        {"hashString", [](const S& s, D) { return json(hashString(s.hashes)); }},
        {"status", [](const S& s, D) { return json(transmissionStatus(s)); }},
        // 3: TR_STAT_LOCAL_ERROR; Shoal's errors are all local (files, disk).
        {"error", [](const S& s, D) { return json(s.state == TorrentState::Errored ? 3 : 0); }},
        {"errorString", [](const S& s, D) { return json(s.error); }},
        {"eta", [](const S& s, D) { return json(s.etaSeconds >= 0 ? s.etaSeconds : -1); }},
        {"etaIdle", [](const S&, D) { return json(-1); }},
        {"isFinished", [](const S& s, D) { return json(s.state == TorrentState::Completed); }},
        {"isStalled", [](const S&, D) { return json(false); }},
        {"leftUntilDone", [](const S& s, D) { return json(leftUntilDone(s)); }},
        {"sizeWhenDone", [](const S& s, D) { return json(s.totalWanted); }},
        {"totalSize", [](const S& s, D) { return json(s.totalSize); }},
        {"percentDone", [](const S& s, D) { return json(s.progress); }},
        {"percentComplete",
         [](const S& s, D) {
             return json(s.totalSize > 0 ? static_cast<double>(s.totalWantedDone) / s.totalSize : 0.0);
         }},
        {"metadataPercentComplete", [](const S& s, D) { return json(s.hasMetadata ? 1.0 : 0.0); }},
        {"recheckProgress",
         [](const S& s, D) { return json(s.state == TorrentState::Checking ? s.progress : 0.0); }},
        {"rateDownload", [](const S& s, D) { return json(s.downloadRate); }},
        {"rateUpload", [](const S& s, D) { return json(s.uploadRate); }},
        {"peersConnected", [](const S& s, D) { return json(s.peers); }},
        // Which connected peers send or receive is not in the snapshot: all of them count while data
        // flows that way.
        {"peersSendingToUs", [](const S& s, D) { return json(s.downloadRate > 0 ? s.peers : 0); }},
        {"peersGettingFromUs", [](const S& s, D) { return json(s.uploadRate > 0 ? s.peers - s.seeds : 0); }},
        {"webseedsSendingToUs", [](const S&, D) { return json(0); }},
        {"uploadRatio", [](const S& s, D) { return json(s.ratio); }},
        {"downloadDir", [](const S& s, D) { return json(s.savePath); }},
        {"downloadedEver", [](const S& s, D) { return json(s.allTimeDownloaded); }},
        {"uploadedEver", [](const S& s, D) { return json(s.allTimeUploaded); }},
        {"corruptEver", [](const S& s, D) { return json(s.wasted); }},
        {"haveValid", [](const S& s, D) { return json(s.totalWantedDone); }},
        {"haveUnchecked", [](const S&, D) { return json(0); }},
        {"desiredAvailable", [](const S& s, D) { return json(leftUntilDone(s)); }},
        {"addedDate", [](const S& s, D) { return json(s.addedTime); }},
        {"startDate", [](const S& s, D) { return json(s.addedTime); }},
        {"doneDate", [](const S& s, D) { return json(s.completedTime); }},
        {"activityDate",
         [](const S& s, D) {
             return json(s.downloadRate + s.uploadRate > 0 ? unixNow()
                                                           : std::max(s.addedTime, s.completedTime));
         }},
        {"editDate", [](const S&, D) { return json(0); }},
        {"manualAnnounceTime", [](const S&, D) { return json(-1); }},
        {"secondsDownloading",
         [](const S& s, D) { return json(std::max<std::int64_t>(0, s.activeSeconds - s.seedingSeconds)); }},
        {"secondsSeeding", [](const S& s, D) { return json(s.seedingSeconds); }},
        {"queuePosition", [](const S& s, D) { return json(s.queuePosition); }},
        {"downloadLimit", [](const S& s, D) { return json(s.downloadLimit / 1024); }},  // kB/s
        {"downloadLimited", [](const S& s, D) { return json(s.downloadLimit > 0); }},
        {"uploadLimit", [](const S& s, D) { return json(s.uploadLimit / 1024); }},
        {"uploadLimited", [](const S& s, D) { return json(s.uploadLimit > 0); }},
        {"honorsSessionLimits", [](const S&, D) { return json(true); }},
        {"bandwidthPriority", [](const S&, D) { return json(0); }},
        // 0: use the session's ratio goal, 1: the torrent's own.
        {"seedRatioLimit", [](const S& s, D) { return json(s.ratioGoal.value_or(0.0)); }},
        {"seedRatioMode", [](const S& s, D) { return json(s.ratioGoal ? 1 : 0); }},
        {"seedIdleLimit", [](const S&, D) { return json(0); }},
        {"seedIdleMode", [](const S&, D) { return json(0); }},
        {"labels", [](const S& s, D) { return json(s.tags); }},
        {"group", [](const S&, D) { return json(""); }},
        {"sequentialDownload", [](const S& s, D) { return json(s.sequential); }},
        {"peer-limit", [](const S&, D) { return json(0); }},
        {"maxConnectedPeers", [](const S&, D) { return json(0); }},
        {"primary-mime-type", [](const S&, D) { return json("application/octet-stream"); }},
        {"torrentFile", [](const S&, D) { return json(""); }},
        // Shoal's extensions.
        {"shoal-hash-v1", [](const S& s, D) { return json(s.hashes.v1); }},
        {"shoal-hash-v2", [](const S& s, D) { return json(s.hashes.v2); }},
        {"shoal-state", [](const S& s, D) { return json(toString(s.state)); }},
        {"shoal-category", [](const S& s, D) { return json(s.category); }},
        {"shoal-sequential", [](const S& s, D) { return json(s.sequential); }},
        {"shoal-ratio-goal", [](const S& s, D) { return s.ratioGoal ? json(*s.ratioGoal) : json(nullptr); }},
        {"shoal-seed-time-goal",
         [](const S& s, D) { return s.seedTimeGoalSeconds ? json(*s.seedTimeGoalSeconds) : json(nullptr); }},
        {"shoal-download-limit", [](const S& s, D) { return json(s.downloadLimit); }},  // bytes/s
        {"shoal-upload-limit", [](const S& s, D) { return json(s.uploadLimit); }},
        {"shoal-status", [](const S& s, D) { return toJson(s); }},
    };
    return fields;
}

const std::map<std::string, Getter>& detailFields() {
    using S = TorrentStatus;
    using D = const TorrentDetails*;
    static const std::map<std::string, Getter> fields = {
        {"files", [](const S&, D d) { return filesOf(*d); }},
        {"fileStats", [](const S&, D d) { return fileStatsOf(*d); }},
        {"file-count", [](const S&, D d) { return json(d->files.size()); }},
        {"priorities",
         [](const S&, D d) {
             json out = json::array();
             for (const auto& f : d->files) out.push_back(transmissionPriority(f.priority));
             return out;
         }},
        // 0/1 integers, not booleans: what 3.00 sent and 4.0.2 restored.
        {"wanted",
         [](const S&, D d) {
             json out = json::array();
             for (const auto& f : d->files) out.push_back(f.priority == FilePriority::Skip ? 0 : 1);
             return out;
         }},
        {"peers", [](const S&, D d) { return peersOf(*d); }},
        {"peersFrom", [](const S&, D d) { return peersFromOf(*d); }},
        {"trackers", [](const S&, D d) { return trackersOf(*d); }},
        {"trackerStats", [](const S&, D d) { return trackerStatsOf(*d); }},
        {"trackerList", [](const S&, D d) { return json(trackerListOf(*d)); }},
        {"webseeds", [](const S&, D d) { return json(d->webSeeds); }},
        {"pieces", [](const S&, D d) { return json(piecesBase64(d->pieces)); }},
        {"pieceCount", [](const S&, D d) { return json(d->numPieces); }},
        {"pieceSize", [](const S&, D d) { return json(d->pieceSize); }},
        {"availability", [](const S&, D d) { return availabilityOf(*d); }},
        {"comment", [](const S&, D d) { return json(d->comment); }},
        {"creator", [](const S&, D d) { return json(d->createdBy); }},
        {"dateCreated", [](const S&, D d) { return json(d->creationDate); }},
        {"isPrivate", [](const S&, D d) { return json(d->isPrivate); }},
        {"magnetLink", [](const S&, D d) { return json(d->magnetUri); }},
        {"shoal-details", [](const S&, D d) { return toJson(*d); }},
    };
    return fields;
}

}  // namespace

int transmissionStatus(const TorrentStatus& s) {
    switch (s.state) {
        case TorrentState::Stopped:
        case TorrentState::Completed:
        case TorrentState::Errored:
            return 0;
        case TorrentState::QueuedForCheck:
            return 1;
        case TorrentState::Checking:
            return 2;
        case TorrentState::QueuedForDownload:
            return 3;
        case TorrentState::DownloadingMetadata:
        case TorrentState::Downloading:
            return 4;
        case TorrentState::QueuedForSeed:
            return 5;
        case TorrentState::Seeding:
            return 6;
        case TorrentState::Moving:
            return s.progress >= 1.0 ? 6 : 4;
    }
    return 0;
}

int transmissionPriority(FilePriority priority) {
    switch (priority) {
        case FilePriority::Low:
            return -1;
        case FilePriority::High:
            return 1;
        default:
            return 0;
    }
}

const std::vector<std::string>& knownTorrentFields() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& [name, getter] : statusFields()) out.push_back(name);
        for (const auto& [name, getter] : detailFields()) out.push_back(name);
        return out;
    }();
    return names;
}

bool fieldNeedsDetails(const std::string& field) { return detailFields().count(field) > 0; }

std::optional<json> torrentField(const std::string& field, const TorrentStatus& status,
                                 const TorrentDetails* details) {
    if (auto it = statusFields().find(field); it != statusFields().end()) return it->second(status, details);
    if (auto it = detailFields().find(field); it != detailFields().end() && details)
        return it->second(status, details);
    return std::nullopt;
}

}  // namespace shoal::rpc
