// Payload generation (splitmix64 from the scenario's seed), torrent creation through shoal's creator,
// copies, in-place corruption of chosen pieces, and SHA-256 verification of copies.
#include "payload.h"

#include "shoal/swarm/host_tools.h"


#include <algorithm>
#include <fstream>
#include <random>
#include <set>

#include "shoal/metainfo.h"

namespace shoal::swarm {
namespace fs = std::filesystem;

namespace {

Error ioError(const std::string& what) { return makeError(ErrorCode::Io, what); }

bool writeGenerated(const fs::path& file, std::int64_t size, std::uint64_t seed) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::vector<std::uint64_t> buf(1 << 17);  // 1 MiB
    std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
    for (std::int64_t left = size; left > 0;) {
        for (auto& word : buf) {  // splitmix64: fast, and the same bytes for the same seed
            std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            word = z ^ (z >> 31);
        }
        const auto n = std::min<std::int64_t>(left, static_cast<std::int64_t>(buf.size() * 8));
        out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(n));
        left -= n;
    }
    return static_cast<bool>(out);
}

Result<std::vector<char>> readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return ioError("cannot read " + file.string());
    return std::vector<char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

Result<PreparedPayload> preparePayload(const PayloadSpec& spec, const fs::path& workDir) {
    PreparedPayload out;
    std::error_code ec;
    if (!spec.torrent.empty()) {
        auto bytes = readAll(spec.torrent);
        if (!bytes) return bytes.error();
        out.torrentBytes = std::move(bytes).value();
        out.savePath = spec.data;
    } else {
        fs::path source;
        if (spec.generated()) {
            const fs::path root = workDir / "payload";
            // One file is shared as itself; several go in a folder, as a multi-file torrent.
            if (spec.files == 1) {
                source = root / "payload.bin";
                if (!writeGenerated(source, spec.size, spec.seed)) return ioError("cannot write " + source.string());
            } else {
                source = root / "payload";
                const std::int64_t each = spec.size / spec.files;
                for (int i = 0; i < spec.files; ++i) {
                    const std::int64_t size = i + 1 == spec.files ? spec.size - each * (spec.files - 1) : each;
                    const fs::path file = source / ("file-" + std::to_string(i + 1) + ".bin");
                    if (!writeGenerated(file, size, spec.seed + static_cast<std::uint64_t>(i)))
                        return ioError("cannot write " + file.string());
                }
            }
        } else {
            source = fs::absolute(spec.path);
            if (!fs::exists(source, ec)) return makeError(ErrorCode::BadInput, "no such payload: " + spec.path);
        }
        CreateRequest request;
        request.source = source;
        request.version = spec.kind;
        request.pieceSize = spec.pieceSize;
        request.setCreationDate = false;  // the same scenario gives the same torrent
        auto created = createTorrent(request);
        if (!created) return created.error();
        out.torrentBytes = created->bytes;
        out.savePath = source.parent_path();
    }
    auto summary = summarizeTorrent(out.torrentBytes);
    if (!summary) return summary.error();
    out.torrentFile = workDir / "payload.torrent";
    {
        std::ofstream file(out.torrentFile, std::ios::binary | std::ios::trunc);
        file.write(out.torrentBytes.data(), static_cast<std::streamsize>(out.torrentBytes.size()));
        if (!file) return makeError(ErrorCode::Io, "cannot write " + out.torrentFile.string());
    }
    out.hashes = summary->hashes;
    out.name = summary->name;
    out.magnetUri = summary->magnetUri;
    out.totalSize = summary->totalSize;
    out.pieceSize = summary->pieceSize;
    out.numPieces = summary->numPieces;
    for (const auto& f : summary->files) {
        const fs::path file = out.savePath / f.path;
        if (!fs::is_regular_file(file, ec)) return makeError(ErrorCode::BadInput, "payload file missing: " + file.string());
        out.files.push_back({f.path, f.size, sha256OfFile(file)});
    }
    return out;
}

Result<void> copyPayload(const PreparedPayload& payload, const fs::path& saveParent) {
    std::error_code ec;
    for (const auto& f : payload.files) {
        const fs::path to = saveParent / f.path;
        fs::create_directories(to.parent_path(), ec);
        fs::copy_file(payload.savePath / f.path, to, fs::copy_options::overwrite_existing, ec);
        if (ec) return ioError("cannot copy the payload to " + to.string() + ": " + ec.message());
    }
    return {};
}

Result<std::vector<int>> corruptPieces(const PreparedPayload& payload, const fs::path& saveParent, int count,
                                       std::uint64_t seed) {
    std::mt19937_64 random(seed);
    count = std::min(count, payload.numPieces);
    std::set<int> chosen;
    // Evenly spread with a random offset in each stride, so every part of the file has bad pieces.
    const double stride = static_cast<double>(payload.numPieces) / count;
    for (int i = 0; i < count; ++i) {
        const int lo = static_cast<int>(i * stride);
        const int span = std::max(1, static_cast<int>((i + 1) * stride) - lo);
        chosen.insert(std::min(payload.numPieces - 1, lo + static_cast<int>(random() % static_cast<std::uint64_t>(span))));
    }
    // A piece may span files: walk the files' byte ranges (pad files are not on disk in v1 layouts).
    std::vector<char> garbage;
    for (int piece : chosen) {
        std::int64_t begin = static_cast<std::int64_t>(piece) * payload.pieceSize;
        const std::int64_t end = std::min(begin + payload.pieceSize, payload.totalSize);
        std::int64_t fileStart = 0;
        for (const auto& f : payload.files) {
            const std::int64_t fileEnd = fileStart + f.size;
            if (begin < fileEnd && end > fileStart) {
                const std::int64_t from = std::max(begin, fileStart);
                const std::int64_t to = std::min(end, fileEnd);
                garbage.resize(static_cast<std::size_t>(to - from));
                for (auto& c : garbage) c = static_cast<char>(random());
                std::fstream file(saveParent / f.path, std::ios::in | std::ios::out | std::ios::binary);
                file.seekp(from - fileStart);
                file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
                if (!file) return ioError("cannot corrupt " + (saveParent / f.path).string());
            }
            fileStart = fileEnd;
        }
    }
    return std::vector<int>(chosen.begin(), chosen.end());
}

bool verifyCopy(const PreparedPayload& payload, const fs::path& saveParent) {
    for (const auto& f : payload.files) {
        if (sha256OfFile(saveParent / f.path) != f.sha256) return false;
    }
    return !payload.files.empty();
}

}  // namespace shoal::swarm
