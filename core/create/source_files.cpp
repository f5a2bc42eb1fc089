// Lists the files of a torrent-to-be: lt::add_files does the walk (so hidden files and symlinks are
// treated exactly as libtorrent treats them), then the list is sorted so that readdir order never leaks in.
#include "create/source_files.h"

#include <algorithm>
#include <libtorrent/create_torrent.hpp>
#include <system_error>
#include <vector>

namespace shoal::detail {
namespace {

namespace fs = std::filesystem;

struct Entry {
    std::vector<std::string> parts;  // path components, the torrent name first
    std::string path;
    std::int64_t size = 0;
    lt::file_flags_t flags{};
};

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> parts;
    for (const auto& part : fs::path(path)) parts.push_back(part.string());
    return parts;
}

// lt::add_files appends in readdir order, which differs between file systems and runs. v2 and hybrid
// torrents are re-sorted by create_torrent anyway; sorting here makes v1 torrents reproducible too.
lt::file_storage sortedCopy(const lt::file_storage& files) {
    std::vector<Entry> entries;
    entries.reserve(static_cast<std::size_t>(files.num_files()));
    for (lt::file_index_t i : files.file_range()) {
        Entry entry;
        entry.path = files.file_path(i);
        entry.parts = splitPath(entry.path);
        entry.size = files.file_size(i);
        entry.flags = files.file_flags(i);
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.parts < b.parts; });
    lt::file_storage sorted;
    for (const Entry& entry : entries) sorted.add_file(entry.path, entry.size, entry.flags);
    return sorted;
}

}  // namespace

Result<SourceFiles> listSourceFiles(const fs::path& source) {
    if (source.empty()) return makeError(ErrorCode::BadInput, "no source file or folder given");
    std::error_code ec;
    fs::path path = fs::absolute(source, ec).lexically_normal();
    if (ec) return makeError(ErrorCode::BadInput, "bad path: " + source.string() + ": " + ec.message());
    if (!path.has_filename() && path.has_parent_path() && path != path.root_path()) path = path.parent_path();

    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        return makeError(ErrorCode::BadInput, "no such file or folder: " + source.string());
    }
    bool isFolder = fs::is_directory(status);
    if (!isFolder && !fs::is_regular_file(status)) {
        return makeError(ErrorCode::BadInput, "not a regular file or folder: " + source.string());
    }
    if (isFolder) {
        // lt::add_files skips what it cannot read without saying so; an unreadable top folder at least
        // deserves a clear error rather than "empty folder".
        fs::directory_iterator probe(path, ec);
        if (ec)
            return makeError(ErrorCode::Io, "cannot read folder " + source.string() + ": " + ec.message());
    }

    SourceFiles result;
    try {
        lt::file_storage listed;
        lt::add_files(listed, path.string(), lt::create_flags_t{});
        if (listed.num_files() == 0) {
            return makeError(ErrorCode::BadInput, "no files to put in a torrent in " + source.string());
        }
        if (listed.total_size() == 0) {
            return makeError(ErrorCode::BadInput,
                             "nothing to hash: every file is empty in " + source.string());
        }
        result.storage = isFolder ? sortedCopy(listed) : std::move(listed);
    } catch (const std::exception& e) {
        return makeError(ErrorCode::Io, "cannot list " + source.string() + ": " + e.what());
    }
    result.rootDir = path.parent_path().string();
    return result;
}

}  // namespace shoal::detail
