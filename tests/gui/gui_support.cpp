// GUI test helpers: sessions on loopback and small torrents.
#include "gui_support.h"

#include <stdexcept>

#include "shoal/create.h"

namespace shoal::test {

std::shared_ptr<LocalSession> openGuiSession(const std::filesystem::path& dir, const std::string& ip) {
    LocalSessionOptions options;
    options.profileDir = dir;
    options.tickMs = 100;
    options.overrides = [ip](Settings& s) {
        const Settings loop = loopbackSettings(ip);
        s.listenInterfaces = loop.listenInterfaces;
        s.outgoingInterfaces = loop.outgoingInterfaces;
        s.enableDht = false;
        s.enableLsd = false;
        s.enableUpnp = false;
        s.enableUtp = false;
        s.allowMultipleConnectionsPerIp = true;
    };
    auto session = LocalSession::open(std::move(options));
    if (!session) throw std::runtime_error("cannot open session: " + session.error().message);
    return std::shared_ptr<LocalSession>(std::move(session.value()));
}

std::vector<char> makeTorrentFile(const std::filesystem::path& dir, const std::string& name, std::int64_t size,
                                  std::uint64_t seed) {
    std::filesystem::create_directories(dir);
    writeRandomFile(dir / name, size, seed);
    CreateRequest request;
    request.source = dir / name;
    request.version = TorrentVersion::V1;
    request.pieceSize = 64 * 1024;
    auto created = createTorrent(request);
    if (!created) throw std::runtime_error("cannot create torrent: " + created.error().message);
    return created->bytes;
}

}  // namespace shoal::test
