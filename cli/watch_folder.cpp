// Scanning the watch folder: by polling (a scan every few seconds costs nothing and works on every file
// system, network mounts included, where inotify does not).
#include "watch_folder.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <iterator>

namespace shoal::cli {

namespace fs = std::filesystem;

int WatchFolder::scan(Session& session) {
    std::error_code ec;
    int added = 0;
    const auto now = fs::file_time_type::clock::now();
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
        const fs::path file = entry.path();
        if (!entry.is_regular_file(ec) || file.extension() != ".torrent") continue;
        const auto written = fs::last_write_time(file, ec);
        if (ec || now - written < std::chrono::seconds(1)) continue;
        std::ifstream in(file, std::ios::binary);
        AddRequest request;
        request.torrentBytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        auto result = session.add(std::move(request));
        if (!result) {
            spdlog::error("watch folder: {}: {}", file.string(), result.error().message);
            fs::rename(file, file.string() + ".invalid", ec);
            continue;
        }
        ++added;
        spdlog::info("watch folder: added {} as torrent {}", file.string(), result.value());
        if (delete_)
            fs::remove(file, ec);
        else
            fs::rename(file, file.string() + ".added", ec);
        if (ec) spdlog::warn("watch folder: cannot rename or delete {}: {}", file.string(), ec.message());
    }
    return added;
}

}  // namespace shoal::cli
