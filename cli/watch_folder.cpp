// Scanning the watch folder: by polling (a scan every few seconds costs nothing and works on every file
// system, network mounts included, where inotify does not).
#include "watch_folder.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "shoal/add_request.h"
#include "shoal/text.h"

namespace shoal::cli {

namespace fs = std::filesystem;

namespace {

// The file's own fault: renaming it .invalid stops it being tried again. Anything else (the disk, the
// library) may pass, so the file stays and is tried on the next scan.
bool refusedForGood(const Error& error) {
    return error.code == ErrorCode::BadInput || error.code == ErrorCode::InvalidArgument;
}

}  // namespace

int WatchFolder::scan(Session& session) {
    int added = 0;
    std::error_code ec;
    const auto now = fs::file_time_type::clock::now();
    fs::directory_iterator it(dir_, ec);
    if (ec) {
        report(dir_, "watch folder: cannot list " + dir_.string() + ": " + ec.message());
        return 0;
    }
    // increment(ec), not ++: the folder may change or vanish under the scan, and ++ would throw.
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const fs::path file = it->path();
        std::error_code fileEc;
        if (file.extension() != ".torrent" || !it->is_regular_file(fileEc)) continue;
        const auto written = fs::last_write_time(file, fileEc);
        if (fileEc || now - written < std::chrono::seconds(1)) continue;
        try {
            intake(session, file, added);
        } catch (const std::exception& e) {  // bad_alloc included: no file ends the daemon
            report(file, "watch folder: " + file.string() + ": " + e.what());
        }
    }
    return added;
}

void WatchFolder::intake(Session& session, const fs::path& file, int& added) {
    std::error_code ec;
    auto request = readTorrentFile(file);
    auto result = request ? session.add(std::move(request.value())) : Result<TorrentId>(request.error());
    if (!result && !refusedForGood(result.error())) {
        report(file,
               "watch folder: " + file.string() + " not added yet, will retry: " + result.error().message);
        return;
    }
    if (!result) {
        fs::rename(file, file.string() + ".invalid", ec);
        if (ec) {
            report(file, "watch folder: refused " + file.string() + " and cannot rename it .invalid (" +
                             ec.message() + "): " + result.error().message);
            return;
        }
        lastReport_.erase(file);
        spdlog::error("{}", validUtf8("watch folder: refused " + file.string() +
                                      " (renamed .invalid): " + result.error().message));
        return;
    }
    ++added;
    if (delete_)
        fs::remove(file, ec);
    else
        fs::rename(file, file.string() + ".added", ec);
    const std::string what =
        "watch folder: added " + file.string() + " as torrent " + std::to_string(result.value());
    if (ec) return report(file, what + ", but cannot rename or delete it: " + ec.message());
    lastReport_.erase(file);
    spdlog::info("{}", validUtf8(what));
}

void WatchFolder::report(const fs::path& file, const std::string& message) {
    auto [it, inserted] = lastReport_.try_emplace(file, message);
    if (!inserted && it->second == message) return;
    it->second = message;
    spdlog::error("{}", validUtf8(message));  // file names and messages are any bytes; a log line is text
}

}  // namespace shoal::cli
