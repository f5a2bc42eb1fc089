// Field-by-field JSON of TorrentStatus, TorrentDetails and SessionTotals. One macro list per struct keeps
// the writer and the reader from drifting apart.
#include "rpc/snapshot_json.h"

namespace shoal::rpc {

using nlohmann::json;

namespace {

template <class T>
void readIf(const json& j, const char* key, T& out) {
    if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}

template <class T>
void readIf(const json& j, const char* key, std::optional<T>& out) {
    if (auto it = j.find(key); it != j.end())
        out = it->is_null() ? std::nullopt : std::optional<T>(it->get<T>());
}

template <class T>
json toValue(const T& value) {
    return json(value);
}

template <class T>
json toValue(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

}  // namespace

#define SHOAL_STATUS_FIELDS(X)                                                                             \
    X(id)                                                                                                  \
    X(name)                                                                                                \
    X(savePath) X(error) X(hasMetadata) X(sequential) X(progress) X(totalSize) X(totalWanted)              \
        X(totalWantedDone) X(downloadedThisRun) X(uploadedThisRun) X(allTimeDownloaded) X(allTimeUploaded) \
            X(wasted) X(hashFailures) X(downloadRate) X(uploadRate) X(peers) X(seeds) X(swarmSeeds)        \
                X(swarmPeers) X(etaSeconds) X(ratio) X(queuePosition) X(downloadLimit) X(uploadLimit)      \
                    X(ratioGoal) X(seedTimeGoalSeconds) X(activeSeconds) X(seedingSeconds) X(addedTime)    \
                        X(completedTime) X(category) X(tags) X(tracker)

std::optional<TorrentState> stateFromString(const std::string& name) {
    for (int i = 0; i <= static_cast<int>(TorrentState::Errored); ++i) {
        const auto state = static_cast<TorrentState>(i);
        if (name == toString(state)) return state;
    }
    return std::nullopt;
}

json toJson(const TorrentStatus& s) {
    json j;
#define X(field) j[#field] = toValue(s.field);
    SHOAL_STATUS_FIELDS(X)
#undef X
    j["state"] = toString(s.state);
    j["hashV1"] = s.hashes.v1;
    j["hashV2"] = s.hashes.v2;
    return j;
}

TorrentStatus statusFromJson(const json& j) {
    TorrentStatus s;
#define X(field) readIf(j, #field, s.field);
    SHOAL_STATUS_FIELDS(X)
#undef X
    if (auto state = stateFromString(j.value("state", ""))) s.state = *state;
    readIf(j, "hashV1", s.hashes.v1);
    readIf(j, "hashV2", s.hashes.v2);
    return s;
}

json toJson(const TorrentDetails& d) {
    json files = json::array(), peers = json::array(), trackers = json::array();
    for (const FileEntry& f : d.files) {
        files.push_back({{"index", f.index},
                         {"path", f.path},
                         {"size", f.size},
                         {"downloaded", f.downloaded},
                         {"priority", static_cast<int>(f.priority)}});
    }
    for (const PeerInfo& p : d.peers) {
        peers.push_back({{"address", p.address},
                         {"client", p.client},
                         {"flags", p.flags},
                         {"source", p.source},
                         {"progress", p.progress},
                         {"downloadRate", p.downloadRate},
                         {"uploadRate", p.uploadRate},
                         {"downloaded", p.downloaded},
                         {"uploaded", p.uploaded},
                         {"isSeed", p.isSeed},
                         {"utp", p.utp},
                         {"encrypted", p.encrypted}});
    }
    for (const TrackerInfo& t : d.trackers) {
        trackers.push_back({{"url", t.url},
                            {"tier", t.tier},
                            {"status", t.status},
                            {"message", t.message},
                            {"seeds", t.seeds},
                            {"peers", t.peers},
                            {"nextAnnounceSeconds", t.nextAnnounceSeconds}});
    }
    return {{"status", toJson(d.status)},
            {"comment", d.comment},
            {"createdBy", d.createdBy},
            {"creationDate", d.creationDate},
            {"isPrivate", d.isPrivate},
            {"magnetUri", d.magnetUri},
            {"pieceSize", d.pieceSize},
            {"numPieces", d.numPieces},
            {"pieces", d.pieces},
            {"availability", d.availability},
            {"downloadingPieces", d.downloadingPieces},
            {"files", files},
            {"peers", peers},
            {"trackers", trackers},
            {"webSeeds", d.webSeeds}};
}

TorrentDetails detailsFromJson(const json& j) {
    TorrentDetails d;
    if (auto it = j.find("status"); it != j.end()) d.status = statusFromJson(*it);
    readIf(j, "comment", d.comment);
    readIf(j, "createdBy", d.createdBy);
    readIf(j, "creationDate", d.creationDate);
    readIf(j, "isPrivate", d.isPrivate);
    readIf(j, "magnetUri", d.magnetUri);
    readIf(j, "pieceSize", d.pieceSize);
    readIf(j, "numPieces", d.numPieces);
    readIf(j, "pieces", d.pieces);
    readIf(j, "availability", d.availability);
    readIf(j, "downloadingPieces", d.downloadingPieces);
    readIf(j, "webSeeds", d.webSeeds);
    for (const json& f : j.value("files", json::array())) {
        FileEntry e;
        readIf(f, "index", e.index);
        readIf(f, "path", e.path);
        readIf(f, "size", e.size);
        readIf(f, "downloaded", e.downloaded);
        e.priority = static_cast<FilePriority>(f.value("priority", 4));
        d.files.push_back(std::move(e));
    }
    for (const json& p : j.value("peers", json::array())) {
        PeerInfo e;
        readIf(p, "address", e.address);
        readIf(p, "client", e.client);
        readIf(p, "flags", e.flags);
        readIf(p, "source", e.source);
        readIf(p, "progress", e.progress);
        readIf(p, "downloadRate", e.downloadRate);
        readIf(p, "uploadRate", e.uploadRate);
        readIf(p, "downloaded", e.downloaded);
        readIf(p, "uploaded", e.uploaded);
        readIf(p, "isSeed", e.isSeed);
        readIf(p, "utp", e.utp);
        readIf(p, "encrypted", e.encrypted);
        d.peers.push_back(std::move(e));
    }
    for (const json& t : j.value("trackers", json::array())) {
        TrackerInfo e;
        readIf(t, "url", e.url);
        readIf(t, "tier", e.tier);
        readIf(t, "status", e.status);
        readIf(t, "message", e.message);
        readIf(t, "seeds", e.seeds);
        readIf(t, "peers", e.peers);
        readIf(t, "nextAnnounceSeconds", e.nextAnnounceSeconds);
        d.trackers.push_back(std::move(e));
    }
    return d;
}

json toJson(const SessionTotals& t) {
    return {{"downloadRate", t.downloadRate},
            {"uploadRate", t.uploadRate},
            {"downloadedThisRun", t.downloadedThisRun},
            {"uploadedThisRun", t.uploadedThisRun},
            {"allTimeDownloaded", t.allTimeDownloaded},
            {"allTimeUploaded", t.allTimeUploaded},
            {"dhtNodes", t.dhtNodes},
            {"torrents", t.torrents},
            {"peers", t.peers},
            {"listenEndpoints", t.listenEndpoints}};
}

SessionTotals totalsFromJson(const json& j) {
    SessionTotals t;
    readIf(j, "downloadRate", t.downloadRate);
    readIf(j, "uploadRate", t.uploadRate);
    readIf(j, "downloadedThisRun", t.downloadedThisRun);
    readIf(j, "uploadedThisRun", t.uploadedThisRun);
    readIf(j, "allTimeDownloaded", t.allTimeDownloaded);
    readIf(j, "allTimeUploaded", t.allTimeUploaded);
    readIf(j, "dhtNodes", t.dhtNodes);
    readIf(j, "torrents", t.torrents);
    readIf(j, "peers", t.peers);
    readIf(j, "listenEndpoints", t.listenEndpoints);
    return t;
}

}  // namespace shoal::rpc
