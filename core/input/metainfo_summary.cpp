// shoal::summarizeTorrent / summarizeMagnet: what a .torrent or a magnet says, as plain values for
// `shoal info` and the add dialog. No session involved.
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>
#include <map>

#include "input/hex.h"
#include "input/torrent_limits.h"
#include "shoal/metainfo.h"

namespace shoal {
namespace {

InfoHashes hexHashes(const lt::info_hash_t& hashes) {
    InfoHashes out;
    if (hashes.has_v1()) out.v1 = detail::digestHex(hashes.v1);
    if (hashes.has_v2()) out.v2 = detail::digestHex(hashes.v2);
    return out;
}

// Trackers come as (url, tier) pairs; tiers may have gaps, so group by tier number in order.
std::vector<std::vector<std::string>> groupTiers(const std::vector<std::pair<std::string, int>>& trackers) {
    std::map<int, std::vector<std::string>> byTier;
    for (const auto& [url, tier] : trackers) byTier[tier].push_back(url);
    std::vector<std::vector<std::string>> tiers;
    for (auto& [tier, urls] : byTier) tiers.push_back(std::move(urls));
    return tiers;
}

}  // namespace

Result<TorrentSummary> summarizeTorrent(const std::vector<char>& torrentBytes) {
    auto loaded = detail::loadTorrentInfo(torrentBytes);
    if (!loaded) return makeError(ErrorCode::BadInput, "not a valid torrent file: " + loaded.error().message);
    try {
        const lt::torrent_info& info = **loaded;
        TorrentSummary summary;
        summary.name = info.name();
        summary.hashes = hexHashes(info.info_hashes());
        summary.hasMetadata = true;
        summary.pieceSize = info.piece_length();
        summary.numPieces = info.num_pieces();
        summary.isPrivate = info.priv();
        summary.comment = info.comment();
        summary.createdBy = info.creator();
        summary.creationDate = static_cast<std::int64_t>(info.creation_date());

        const lt::file_storage& files = info.files();
        for (lt::file_index_t f : files.file_range()) {
            // Pad files are an artefact of v2 alignment, not something a user downloads.
            if (files.pad_file_at(f)) continue;
            FileEntry entry;
            entry.index = static_cast<int>(f);  // libtorrent's index, so priorities map without translation
            entry.path = files.file_path(f);    // relative, '/'-separated on POSIX
            entry.size = files.file_size(f);
            summary.totalSize += entry.size;
            summary.files.push_back(std::move(entry));
        }

        std::vector<std::pair<std::string, int>> trackers;
        for (const lt::announce_entry& tracker : info.trackers())
            trackers.emplace_back(tracker.url, tracker.tier);
        summary.trackerTiers = groupTiers(trackers);
        for (const lt::web_seed_entry& seed : info.web_seeds()) summary.webSeeds.push_back(seed.url);
        summary.magnetUri = lt::make_magnet_uri(info);
        return summary;
    } catch (const std::exception& e) {
        return makeError(ErrorCode::BadInput, std::string("not a valid torrent file: ") + e.what());
    }
}

Result<TorrentSummary> summarizeMagnet(const std::string& magnetUri) {
    lt::error_code ec;
    lt::add_torrent_params params = lt::parse_magnet_uri(magnetUri, ec);
    if (ec) return makeError(ErrorCode::BadInput, "malformed magnet link: " + ec.message());
    if (!params.info_hashes.has_v1() && !params.info_hashes.has_v2()) {
        return makeError(ErrorCode::BadInput,
                         "malformed magnet link: it has no info-hash (xt=urn:btih: or urn:btmh:)");
    }
    try {
        TorrentSummary summary;
        summary.hashes = hexHashes(params.info_hashes);
        // A magnet's dn= is optional; without it the hash is the only name there is.
        summary.name = params.name.empty() ? summary.hashes.best() : params.name;
        summary.hasMetadata = false;

        std::vector<std::pair<std::string, int>> trackers;
        for (std::size_t i = 0; i < params.trackers.size(); ++i) {
            int tier = i < params.tracker_tiers.size() ? params.tracker_tiers[i] : 0;
            trackers.emplace_back(params.trackers[i], tier);
        }
        summary.trackerTiers = groupTiers(trackers);
        summary.webSeeds = params.url_seeds;
        summary.magnetUri = magnetUri;
        return summary;
    } catch (const std::exception& e) {
        return makeError(ErrorCode::BadInput, std::string("malformed magnet link: ") + e.what());
    }
}

}  // namespace shoal
