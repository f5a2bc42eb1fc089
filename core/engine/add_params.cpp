// AddRequest -> add_torrent_params: parse the source, resolve and check the save path, set the flags.
#include "engine/add_params.h"

#include <libtorrent/torrent_info.hpp>
#include <libtorrent/write_resume_data.hpp>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "engine/engine_impl.h"
#include "engine/path_rules.h"
#include "input/hex.h"
#include "input/source_verdict.h"

namespace shoal::engine {
namespace {

namespace fs = std::filesystem;


// The same verdict as every front end's (input/source_verdict.h): what `shoal info` accepts, the
// engine adds, with the same limits and messages.
Result<lt::add_torrent_params> parseSource(const AddRequest& request) {
    auto params = detail::addParamsFor(request);
    if (!params && !request.torrentBytes.empty() && params.error().code == ErrorCode::BadInput)
        return makeError(ErrorCode::BadInput, "not a valid torrent: " + params.error().message);
    return params;
}

Result<std::string> resolveSavePath(const AddRequest& request, const Settings& settings) {
    std::string path = request.savePath.empty() ? settings.defaultSavePath : request.savePath;
    if (path.empty()) {
        const char* home = std::getenv("HOME");
        path = (fs::path(home ? home : ".") / "Downloads").string();
    }
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    if (ec) return makeError(ErrorCode::Io, "bad save path " + path + ": " + ec.message());
    fs::create_directories(absolute, ec);
    if (ec) return makeError(ErrorCode::Io, "cannot create save path " + absolute.string() + ": " + ec.message());
    if (!fs::is_directory(absolute)) return makeError(ErrorCode::Io, "save path is not a directory: " + absolute.string());
    if (::access(absolute.c_str(), W_OK) != 0)
        return makeError(ErrorCode::Io, "cannot write to save path " + absolute.string() + ": " + std::strerror(errno));
    return absolute.string();
}

}  // namespace

Result<PreparedAdd> prepareAdd(const AddRequest& request, const Settings& settings) {
    // A caller's folder must be absolute: over RPC a relative one would resolve against the daemon's
    // working directory. (The settings' folders are the user's own configuration.)
    if (!request.savePath.empty())
        if (auto ok = checkAbsoluteFolder(request.savePath, "the save path"); !ok) return ok.error();
    auto source = parseSource(request);
    if (!source) return source.error();
    for (const auto& peer : request.peers) {
        if (auto endpoint = parseEndpoint(peer); !endpoint) return endpoint.error();
    }
    auto savePath = resolveSavePath(request, settings);
    if (!savePath) return savePath.error();

    PreparedAdd prepared;
    // Downloads without a save path of their own go to the incomplete folder first; seeding data one
    // already has (seed mode) stays where it is.
    if (request.savePath.empty() && !settings.incompleteSavePath.empty() && !request.seedMode) {
        AddRequest incomplete;
        incomplete.savePath = settings.incompleteSavePath;
        auto incompletePath = resolveSavePath(incomplete, settings);
        if (!incompletePath) return incompletePath.error();
        if (incompletePath.value() != savePath.value()) {
            prepared.finalSavePath = savePath.value();
            savePath = incompletePath.value();
        }
    }
    lt::add_torrent_params& p = prepared.params;
    p = std::move(source.value());
    p.save_path = savePath.value();
    prepared.savePath = savePath.value();
    // Auto-managed torrents start at once and the queue (looked at every 2 s) pauses what is over its
    // limits; added paused they would wait for that look even with queueing off. Paused and not
    // auto-managed is the user's stop.
    if (request.paused) {
        p.flags |= lt::torrent_flags::paused;
        p.flags &= ~lt::torrent_flags::auto_managed;
    } else {
        p.flags &= ~lt::torrent_flags::paused;
        p.flags |= lt::torrent_flags::auto_managed;
    }
    if (request.sequential) p.flags |= lt::torrent_flags::sequential_download;
    if (request.seedMode) p.flags |= lt::torrent_flags::seed_mode;
    int tier = p.tracker_tiers.empty() ? 0 : p.tracker_tiers.back() + 1;
    p.tracker_tiers.resize(p.trackers.size(), 0);
    for (const auto& url : request.trackers) {
        p.trackers.push_back(url);
        p.tracker_tiers.push_back(tier++);
    }
    for (const auto priority : request.filePriorities)
        p.file_priorities.push_back(lt::download_priority_t(static_cast<std::uint8_t>(priority)));

    if (p.ti) {
        prepared.hashes = hashesOf(p.ti->info_hashes());
        prepared.name = p.ti->name();
        if (request.filePriorities.size() > static_cast<std::size_t>(p.ti->num_files()))
            return makeError(ErrorCode::InvalidArgument, "more file priorities than files");
    } else {
        prepared.hashes = hashesOf(p.info_hashes);
        prepared.name = p.name;
    }
    return prepared;
}

std::vector<char> firstResumeData(const lt::add_torrent_params& params) {
    lt::add_torrent_params copy = params;
    if (copy.ti) {
        // write_resume_data would embed the info dict; the torrent is named by its hashes instead.
        copy.info_hashes = copy.ti->info_hashes();
        copy.name = copy.ti->name();
        copy.ti.reset();
    }
    return lt::write_resume_data_buf(copy);
}

}  // namespace shoal::engine
