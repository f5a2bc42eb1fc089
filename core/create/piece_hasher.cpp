// The creation pipeline: each thread claims the next run of whole pieces (~4 MiB), preads it into its
// own reusable buffer and hashes it there, so reading and hashing both spread over every core and the
// memory used is one buffer per thread. Results land in per-piece slots; no ordering between threads.
#include "create/piece_hasher.h"

#include <algorithm>
#include <exception>
#include <libtorrent/hasher.hpp>
#include <mutex>
#include <optional>
#include <thread>

#include "create/file_reader.h"
#include "create/merkle_root.h"
#include "create/read_buffer.h"

namespace shoal::detail {
namespace {

constexpr int kBlockSize = 16 * 1024;  // BEP 52 leaf size
// One read per ~4 MiB (whole pieces): few syscalls, and the buffer stays in the last-level cache.
constexpr std::int64_t kChunkBytes = 4 * 1024 * 1024;
constexpr std::int64_t kProgressStep = 4 * 1024 * 1024;

class HashRun {
public:
    explicit HashRun(const HashJob& job);
    Result<PieceHashes> run();

private:
    void work();
    void hashChunk(FileReader& reader, int chunk, ReadBuffer& buffer);
    void hashPiece(lt::piece_index_t piece, const char* data);
    void addProgress(std::int64_t bytes);
    void fail(Error error);
    bool stopped() const { return stop_.load(std::memory_order_relaxed); }

    const HashJob& job_;
    const lt::file_storage& files_;
    const int pieceLength_;
    const int numPieces_;
    const int piecesPerChunk_;
    const int numChunks_;
    std::int64_t payloadBytes_ = 0;
    PieceHashes hashes_;

    std::atomic<int> nextChunk_{0};
    std::atomic<bool> stop_{false};
    std::mutex errorMutex_;
    std::optional<Error> error_;
    std::atomic<std::int64_t> hashed_{0};
    std::mutex progressMutex_;
    std::int64_t lastReported_ = 0;
};

HashRun::HashRun(const HashJob& job)
    : job_(job),
      files_(*job.files),
      pieceLength_(files_.piece_length()),
      numPieces_(files_.num_pieces()),
      piecesPerChunk_(static_cast<int>(std::max<std::int64_t>(1, kChunkBytes / pieceLength_))),
      numChunks_((numPieces_ + piecesPerChunk_ - 1) / piecesPerChunk_) {
    for (lt::file_index_t f : files_.file_range()) {
        if (!files_.pad_file_at(f)) payloadBytes_ += files_.file_size(f);
    }
    if (job.v1) hashes_.v1.resize(static_cast<std::size_t>(numPieces_));
    if (job.v2) hashes_.v2.resize(static_cast<std::size_t>(numPieces_));
}

void HashRun::fail(Error error) {
    std::lock_guard lock(errorMutex_);
    if (!error_) error_ = std::move(error);
    stop_ = true;
}

void HashRun::addProgress(std::int64_t bytes) {
    hashed_.fetch_add(bytes, std::memory_order_relaxed);
    if (!job_.onProgress) return;
    std::lock_guard lock(progressMutex_);
    // Read under the lock so that reports never go backwards, whichever thread makes them.
    std::int64_t now = hashed_.load(std::memory_order_relaxed);
    if (now - lastReported_ < kProgressStep && now != payloadBytes_) return;
    lastReported_ = now;
    job_.onProgress(CreateProgress{now, payloadBytes_});
}

// One piece: SHA-1 over the whole piece (pad bytes included) and, for v2, SHA-256 of each 16 KiB block
// of the file the piece belongs to, block by block so each block is hashed twice while still in L1.
void HashRun::hashPiece(lt::piece_index_t piece, const char* data) {
    const int pieceSize = files_.piece_size(piece);
    const auto index = static_cast<std::size_t>(static_cast<int>(piece));
    if (!job_.v2) {
        hashes_.v1[index] = lt::hasher(data, pieceSize).final();
        return;
    }

    // Same mapping as libtorrent's set_piece_hashes: the piece belongs to the file it starts in.
    const lt::file_index_t file = files_.file_index_at_piece(piece);
    const bool padPiece = files_.pad_file_at(file);
    int fileBytes = 0;  // bytes of that file inside this piece; the rest (if any) is padding
    int paddedLeafs = 0;
    if (!padPiece) {
        const std::int64_t pieceStart = static_cast<std::int64_t>(static_cast<int>(piece)) * pieceLength_;
        const std::int64_t fileEnd = files_.file_offset(file) + files_.file_size(file);
        fileBytes = static_cast<int>(std::min<std::int64_t>(pieceSize, fileEnd - pieceStart));
        // A file smaller than a piece has a tree of its own size (rounded to a power of two); any other
        // piece is a full subtree of piece_length / 16 KiB leaves, zero-padded at the file's end.
        paddedLeafs = files_.file_size(file) < pieceLength_ ? merkleNumLeafs(files_.file_num_blocks(file))
                                                            : pieceLength_ / kBlockSize;
    }

    thread_local std::vector<lt::sha256_hash> blocks;
    thread_local std::vector<lt::sha256_hash> scratch;
    blocks.clear();
    lt::hasher sha1;
    for (int offset = 0; offset < pieceSize; offset += kBlockSize) {
        const int length = std::min(kBlockSize, pieceSize - offset);
        if (job_.v1) sha1.update(data + offset, length);
        if (offset < fileBytes) {
            blocks.push_back(lt::hasher256(data + offset, std::min(length, fileBytes - offset)).final());
        }
    }
    if (job_.v1) hashes_.v1[index] = sha1.final();
    if (!padPiece) hashes_.v2[index] = merkleRoot(blocks, paddedLeafs, scratch);
}

void HashRun::hashChunk(FileReader& reader, int chunk, ReadBuffer& buffer) {
    const int firstPiece = chunk * piecesPerChunk_;
    const int endPiece = std::min(numPieces_, firstPiece + piecesPerChunk_);
    const std::int64_t start = static_cast<std::int64_t>(firstPiece) * pieceLength_;
    const std::int64_t end =
        std::min(files_.total_size(), static_cast<std::int64_t>(endPiece) * pieceLength_);

    auto payload = reader.read(lt::piece_index_t{firstPiece}, end - start, buffer.data());
    if (!payload) return fail(payload.error());
    for (int piece = firstPiece; piece < endPiece; ++piece) {
        hashPiece(lt::piece_index_t{piece},
                  buffer.data() + static_cast<std::int64_t>(piece - firstPiece) * pieceLength_);
    }
    addProgress(*payload);
}

void HashRun::work() {
    try {
        FileReader reader(files_, job_.rootDir);
        ReadBuffer buffer(static_cast<std::size_t>(piecesPerChunk_) * pieceLength_);
        while (!stopped()) {
            if (job_.cancel && job_.cancel->load(std::memory_order_relaxed)) {
                return fail(makeError(ErrorCode::Cancelled, "torrent creation cancelled"));
            }
            const int chunk = nextChunk_.fetch_add(1, std::memory_order_relaxed);
            if (chunk >= numChunks_) return;
            hashChunk(reader, chunk, buffer);
        }
    } catch (const std::exception& e) {
        // Out of memory or a progress callback that threw: stop every thread, report it as a value.
        fail(makeError(ErrorCode::Internal, std::string("hashing failed: ") + e.what()));
    }
}

Result<PieceHashes> HashRun::run() {
    int threads = job_.threads > 0 ? job_.threads : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, std::max(1, numChunks_));

    std::vector<std::thread> helpers;
    try {
        for (int i = 1; i < threads; ++i) helpers.emplace_back([this] { work(); });
    } catch (const std::exception&) {
        // Could not start every thread: carry on with those that did start.
    }
    work();  // the calling thread hashes too
    for (auto& helper : helpers) helper.join();

    if (error_) return *error_;
    if (job_.cancel && job_.cancel->load())
        return makeError(ErrorCode::Cancelled, "torrent creation cancelled");
    return std::move(hashes_);
}

}  // namespace

Result<PieceHashes> hashPieces(const HashJob& job) {
    if (job.files == nullptr || job.files->num_pieces() <= 0) {
        return makeError(ErrorCode::InvalidArgument, "nothing to hash");
    }
    HashRun run(job);
    return run.run();
}

}  // namespace shoal::detail
