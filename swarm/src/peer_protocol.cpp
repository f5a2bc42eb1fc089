// JSON forms of what crosses the pipe between the lab and a peer process (see peer_protocol.h).
#include "peer_protocol.h"

#include <fstream>
#include <iterator>

namespace shoal::swarm {
using nlohmann::json;

json toJson(const PreparedPayload& p) {
    json files = json::array();
    for (const auto& f : p.files) files.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
    return {{"torrent_file", p.torrentFile.string()}, {"v1", p.hashes.v1}, {"v2", p.hashes.v2},
            {"magnet", p.magnetUri}, {"name", p.name}, {"save_path", p.savePath.string()},
            {"total_size", p.totalSize}, {"piece_size", p.pieceSize}, {"pieces", p.numPieces}, {"files", files}};
}

Result<PreparedPayload> payloadFromJson(const json& j) {
    try {
        PreparedPayload p;
        const std::string torrent = j.at("torrent_file").get<std::string>();
        p.torrentFile = torrent;
        std::ifstream in(torrent, std::ios::binary);
        if (!in) return makeError(ErrorCode::Io, "cannot read " + torrent);
        p.torrentBytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        p.hashes.v1 = j.at("v1").get<std::string>();
        p.hashes.v2 = j.at("v2").get<std::string>();
        p.magnetUri = j.at("magnet").get<std::string>();
        p.name = j.at("name").get<std::string>();
        p.savePath = j.at("save_path").get<std::string>();
        p.totalSize = j.at("total_size").get<std::int64_t>();
        p.pieceSize = j.at("piece_size").get<std::int64_t>();
        p.numPieces = j.at("pieces").get<int>();
        for (const auto& f : j.at("files"))
            p.files.push_back({f.at("path").get<std::string>(), f.at("size").get<std::int64_t>(),
                               f.at("sha256").get<std::string>()});
        return p;
    } catch (const json::exception& e) {
        return makeError(ErrorCode::InvalidArgument, std::string("bad payload description: ") + e.what());
    }
}

json toJson(const MemberSample& s) {
    return {{"progress", s.progress}, {"downloaded", s.downloaded}, {"uploaded", s.uploaded}, {"wasted", s.wasted},
            {"download_rate", s.downloadRate}, {"upload_rate", s.uploadRate}, {"peers", s.peers},
            {"complete", s.complete}};
}

MemberSample sampleFromJson(const json& j) {
    MemberSample s;
    s.progress = j.value("progress", 0.0);
    s.downloaded = j.value("downloaded", std::int64_t{-1});
    s.uploaded = j.value("uploaded", std::int64_t{-1});
    s.wasted = j.value("wasted", std::int64_t{0});
    s.downloadRate = j.value("download_rate", 0);
    s.uploadRate = j.value("upload_rate", 0);
    s.peers = j.value("peers", 0);
    s.complete = j.value("complete", false);
    return s;
}

const char* toString(MemberNote::Kind kind) {
    switch (kind) {
        case MemberNote::Kind::Finished: return "finished";
        case MemberNote::Kind::HashFailed: return "hash_failed";
        case MemberNote::Kind::Banned: return "banned";
        case MemberNote::Kind::Metadata: return "metadata";
        case MemberNote::Kind::Crashed: return "crashed";
    }
    return "?";
}

std::optional<MemberNote::Kind> noteKindFromString(const std::string& text) {
    for (auto kind : {MemberNote::Kind::Finished, MemberNote::Kind::HashFailed, MemberNote::Kind::Banned,
                      MemberNote::Kind::Metadata, MemberNote::Kind::Crashed}) {
        if (text == toString(kind)) return kind;
    }
    return std::nullopt;
}

json toJson(const MemberSpec::Carried& c) {
    return {{"torrent", c.torrent}, {"port", c.port}, {"downloaded", c.downloaded}, {"uploaded", c.uploaded},
            {"wasted", c.wasted}};
}

MemberSpec::Carried carriedFromJson(const json& j) {
    MemberSpec::Carried c;
    c.torrent = j.value("torrent", kNoTorrent);
    c.port = j.value("port", 0);
    c.downloaded = j.value("downloaded", std::int64_t{0});
    c.uploaded = j.value("uploaded", std::int64_t{0});
    c.wasted = j.value("wasted", std::int64_t{0});
    return c;
}

}  // namespace shoal::swarm
