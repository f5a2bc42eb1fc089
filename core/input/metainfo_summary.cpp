// shoal::summarizeTorrent / summarizeMagnet / summarizeRequest: what a .torrent, a magnet or a hash says,
// as plain values for `shoal info` and the add dialog. No session involved. The verdict is
// source_verdict.h's, so what is summarized here is exactly what a download would accept.
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>
#include <map>

#include "input/hex.h"
#include "input/source_verdict.h"
#include "shoal/metainfo.h"
#include "shoal/text.h"

namespace shoal {
namespace {

InfoHashes hexHashes(const lt::info_hash_t& hashes) {
    InfoHashes out;
    if (hashes.has_v1()) out.v1 = detail::digestHex(hashes.v1);
    if (hashes.has_v2()) out.v2 = detail::digestHex(hashes.v2);
    return out;
}

// Trackers come as (url, tier) pairs; tiers may have gaps, so group by tier number in order. URLs are
// text for display here: a tracker URL with \xff in it is shown with U+FFFD, and announced as it is.
std::vector<std::vector<std::string>> groupTiers(const std::vector<std::pair<std::string, int>>& trackers) {
    std::map<int, std::vector<std::string>> byTier;
    for (const auto& [url, tier] : trackers) byTier[tier].push_back(validUtf8(url));
    std::vector<std::vector<std::string>> tiers;
    for (auto& [tier, urls] : byTier) tiers.push_back(std::move(urls));
    return tiers;
}

// Every string in a summary is shown or serialised (JSON, Qt), so each is made valid UTF-8 here.
TorrentSummary fromTorrentInfo(const lt::torrent_info& info) {
    TorrentSummary summary;
    summary.name = validUtf8(info.name());
    summary.hashes = hexHashes(info.info_hashes());
    summary.hasMetadata = true;
    summary.pieceSize = info.piece_length();
    summary.numPieces = info.num_pieces();
    summary.isPrivate = info.priv();
    summary.comment = validUtf8(info.comment());
    summary.createdBy = validUtf8(info.creator());
    summary.creationDate = static_cast<std::int64_t>(info.creation_date());

    const lt::file_storage& files = info.files();
    summary.files.reserve(static_cast<std::size_t>(files.num_files()));
    for (lt::file_index_t f : files.file_range()) {
        // Pad files are an artefact of v2 alignment, not something a user downloads.
        if (files.pad_file_at(f)) continue;
        FileEntry entry;
        entry.index = static_cast<int>(f);  // libtorrent's index, so priorities map without translation
        entry.path = validUtf8(files.file_path(f));  // relative, '/'-separated on POSIX
        entry.size = files.file_size(f);
        summary.totalSize += entry.size;
        summary.files.push_back(std::move(entry));
    }

    std::vector<std::pair<std::string, int>> trackers;
    for (const lt::announce_entry& tracker : info.trackers())
        trackers.emplace_back(tracker.url, tracker.tier);
    summary.trackerTiers = groupTiers(trackers);
    for (const lt::web_seed_entry& seed : info.web_seeds()) summary.webSeeds.push_back(validUtf8(seed.url));
    summary.magnetUri = validUtf8(lt::make_magnet_uri(info));
    return summary;
}

TorrentSummary fromMagnetParams(const lt::add_torrent_params& params, const std::string& magnetUri) {
    TorrentSummary summary;
    summary.hashes = hexHashes(params.info_hashes);
    // A magnet's dn= is optional; without it the hash is the only name there is.
    summary.name = params.name.empty() ? summary.hashes.best() : validUtf8(params.name);
    summary.hasMetadata = false;
    std::vector<std::pair<std::string, int>> trackers;
    for (std::size_t i = 0; i < params.trackers.size(); ++i) {
        int tier = i < params.tracker_tiers.size() ? params.tracker_tiers[i] : 0;
        trackers.emplace_back(params.trackers[i], tier);
    }
    summary.trackerTiers = groupTiers(trackers);
    for (const auto& seed : params.url_seeds) summary.webSeeds.push_back(validUtf8(seed));
    summary.magnetUri = validUtf8(magnetUri);
    return summary;
}

}  // namespace

Result<TorrentSummary> summarizeRequest(const AddRequest& request) {
    auto params = detail::addParamsFor(request);
    if (!params) {
        if (request.torrentBytes.empty()) return params.error();
        return makeError(ErrorCode::BadInput, "not a valid torrent file: " + params.error().message);
    }
    try {
        if (params->ti) return fromTorrentInfo(*params->ti);
        // A bare hash is the same as a magnet that names nothing but the hash.
        const std::string magnet = !request.magnetUri.empty() ? request.magnetUri
                                   : request.infoHash.size() == 40
                                       ? "magnet:?xt=urn:btih:" + request.infoHash
                                       : "magnet:?xt=urn:btmh:1220" + request.infoHash;
        return fromMagnetParams(params.value(), magnet);
    } catch (const std::exception& e) {  // bad_alloc on a huge file list: an input never ends the process
        return makeError(ErrorCode::BadInput, std::string("cannot read what the torrent says: ") + e.what());
    }
}

Result<TorrentSummary> summarizeTorrent(const std::vector<char>& torrentBytes) {
    AddRequest request;
    request.torrentBytes = torrentBytes;
    if (torrentBytes.empty())
        return makeError(ErrorCode::BadInput, "not a valid torrent file: the file is empty");
    return summarizeRequest(request);
}

Result<TorrentSummary> summarizeMagnet(const std::string& magnetUri) {
    AddRequest request;
    request.magnetUri = magnetUri;
    if (magnetUri.empty()) return makeError(ErrorCode::BadInput, "malformed magnet link: it is empty");
    return summarizeRequest(request);
}

}  // namespace shoal
