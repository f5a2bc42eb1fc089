// shoal::createTorrent: lists the source, hashes it with our own pipeline (piece_hasher.cpp), and lets
// lt::create_torrent lay out and encode the metainfo, so the output matches libtorrent's byte for byte.
#include <ctime>
#include <exception>
#include <iterator>
#include <libtorrent/bencode.hpp>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>

#include "create/piece_hasher.h"
#include "create/piece_size.h"
#include "create/source_files.h"
#include "input/hex.h"
#include "shoal/create.h"

namespace shoal {
namespace {

lt::create_flags_t flagsFor(TorrentVersion version) {
    switch (version) {
        case TorrentVersion::V1:
            return lt::create_torrent::v1_only;
        case TorrentVersion::V2:
            return lt::create_torrent::v2_only;
        case TorrentVersion::Hybrid:
            break;
    }
    return {};
}

Result<void> checkRequest(const CreateRequest& request) {
    if (request.threads < 0)
        return makeError(ErrorCode::InvalidArgument, "threads must be 0 (every core) or more");
    for (const auto& tier : request.trackerTiers) {
        for (const auto& url : tier) {
            if (url.empty()) return makeError(ErrorCode::InvalidArgument, "empty tracker URL");
        }
    }
    for (const auto& url : request.webSeeds) {
        if (url.empty()) return makeError(ErrorCode::InvalidArgument, "empty web seed URL");
    }
    return {};
}

void handOverHashes(lt::create_torrent& ct, const detail::PieceHashes& hashes) {
    const lt::file_storage& files = ct.files();
    const int pieceLength = files.piece_length();
    for (lt::piece_index_t piece : files.piece_range()) {
        const auto index = static_cast<std::size_t>(static_cast<int>(piece));
        if (!hashes.v1.empty()) ct.set_hash(piece, hashes.v1[index]);
        if (hashes.v2.empty()) continue;
        const lt::file_index_t file = files.file_index_at_piece(piece);
        if (files.pad_file_at(file)) continue;
        // In a v2 layout every file starts on a piece boundary (create_torrent inserted pad files).
        const int firstPiece = static_cast<int>(files.file_offset(file) / pieceLength);
        ct.set_hash2(file, static_cast<int>(piece) - firstPiece, hashes.v2[index]);
    }
}

void addMetadata(lt::create_torrent& ct, const CreateRequest& request) {
    for (std::size_t tier = 0; tier < request.trackerTiers.size(); ++tier) {
        for (const auto& url : request.trackerTiers[tier]) ct.add_tracker(url, static_cast<int>(tier));
    }
    for (const auto& url : request.webSeeds) ct.add_url_seed(url);
    ct.set_priv(request.isPrivate);
    if (!request.comment.empty()) ct.set_comment(request.comment.c_str());
    if (!request.createdBy.empty()) ct.set_creator(request.createdBy.c_str());
    // 0 leaves the key out, which makes the output reproducible.
    ct.set_creation_date(request.setCreationDate ? std::time(nullptr) : 0);
}

Result<CreatedTorrent> describe(std::vector<char> bytes) {
    lt::error_code ec;
    lt::torrent_info info(lt::span<const char>(bytes.data(), static_cast<std::ptrdiff_t>(bytes.size())), ec,
                          lt::from_span);
    if (ec) return makeError(ErrorCode::Internal, "the new torrent does not load back: " + ec.message());

    CreatedTorrent created;
    const lt::info_hash_t ih = info.info_hashes();
    if (ih.has_v1()) created.hashes.v1 = detail::digestHex(ih.v1);
    if (ih.has_v2()) created.hashes.v2 = detail::digestHex(ih.v2);
    created.name = info.name();
    created.pieceSize = info.piece_length();
    created.numPieces = info.num_pieces();
    const lt::file_storage& files = info.files();
    for (lt::file_index_t f : files.file_range()) {
        if (files.pad_file_at(f)) continue;
        created.totalSize += files.file_size(f);
        ++created.numFiles;
    }
    created.magnetUri = lt::make_magnet_uri(info);
    created.bytes = std::move(bytes);
    return created;
}

}  // namespace

Result<CreatedTorrent> createTorrent(const CreateRequest& request,
                                     const std::function<void(const CreateProgress&)>& onProgress,
                                     const std::atomic<bool>* cancel) {
    try {
        if (auto ok = checkRequest(request); !ok) return ok.error();
        auto source = detail::listSourceFiles(request.source);
        if (!source) return source.error();
        // create_torrent keeps a reference to the storage and adds pad files to it.
        lt::file_storage& storage = source->storage;

        auto pieceSize = detail::choosePieceSize(request.pieceSize, request.version, storage.total_size());
        if (!pieceSize) return pieceSize.error();
        lt::create_torrent ct(storage, static_cast<int>(*pieceSize), flagsFor(request.version));

        detail::HashJob job;
        job.files = &ct.files();
        job.rootDir = source->rootDir;
        job.v1 = request.version != TorrentVersion::V2;
        job.v2 = request.version != TorrentVersion::V1;
        job.threads = request.threads;
        job.onProgress = onProgress;
        job.cancel = cancel;
        auto hashes = detail::hashPieces(job);
        if (!hashes) return hashes.error();
        handOverHashes(ct, *hashes);
        addMetadata(ct, request);

        lt::entry metainfo = ct.generate();
        // libtorrent 2.0 has no setter for "source" (a private tracker's tag); it belongs in the info
        // dict, so it changes the info-hash, as private trackers intend.
        if (!request.sourceTag.empty()) metainfo["info"]["source"] = request.sourceTag;
        std::vector<char> bytes;
        lt::bencode(std::back_inserter(bytes), metainfo);
        return describe(std::move(bytes));
    } catch (const std::exception& e) {
        return makeError(ErrorCode::Internal, std::string("torrent creation failed: ") + e.what());
    }
}

}  // namespace shoal
