// Common options of download/seed, mapped onto Settings as this run's overrides.
#include "session_options.h"

#include <cmath>

#include "exit_codes.h"

namespace shoal::cli {

namespace {

// "[::1]:6881" -> "::1", "127.0.0.2:0" -> "127.0.0.2"
std::string hostOf(const std::string& endpoint) {
    const auto colon = endpoint.rfind(':');
    std::string host = colon == std::string::npos ? endpoint : endpoint.substr(0, colon);
    if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    return host;
}

int portOf(const std::string& endpoint) {
    const auto colon = endpoint.rfind(':');
    if (colon == std::string::npos) return -1;
    try {
        return std::stoi(endpoint.substr(colon + 1));
    } catch (const std::exception&) {
        return -1;
    }
}

}  // namespace

void SessionOptions::addTo(CLI::App& c) {
    c.add_option("--listen", listen, "Listen on ADDR:PORT (port 0 picks a free one; default 0.0.0.0:6881,[::]:6881)")
        ->type_name("ADDR:PORT");
    c.add_option("--peer", peers, "Connect directly to ADDR:PORT (repeatable)")->type_name("ADDR:PORT");
    c.add_option("--tracker", trackers, "Announce to this tracker URL too (repeatable)")->type_name("URL");
    c.add_option("--dht-bootstrap", dhtBootstrap, "DHT bootstrap node HOST:PORT (repeatable)")->type_name("HOST:PORT");
    c.add_flag("--no-dht", noDht, "Disable the DHT");
    c.add_flag("--no-lsd", noLsd, "Disable local service discovery");
    c.add_flag("--no-upnp", noUpnp, "Disable UPnP and NAT-PMP port mapping");
    c.add_flag("--no-utp", noUtp, "Use TCP only (no uTP)");
    c.add_option("--encryption", encryption, "Peer encryption: prefer, require or disable")
        ->type_name("MODE")
        ->check(CLI::IsMember({"prefer", "require", "disable"}));
    c.add_option("--profile", profile, "Library directory (default: $XDG_DATA_HOME/shoal)")->type_name("DIR");
    c.add_option("--down-limit", downLimit, "Download limit in bytes/s, k/M/G suffixes (e.g. 2M)")->type_name("RATE");
    c.add_option("--up-limit", upLimit, "Upload limit in bytes/s, k/M/G suffixes (e.g. 500k)")->type_name("RATE");
    c.add_flag("--json", json, "Print NDJSON events on stdout");
    c.add_flag("--quiet,-q", quiet, "Print only errors");
}

std::optional<int> parseRate(const std::string& text) {
    if (text.empty()) return std::nullopt;
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const std::string suffix = text.substr(used);
    double scale = 1;
    if (suffix == "k" || suffix == "K") scale = 1024;
    else if (suffix == "m" || suffix == "M") scale = 1024.0 * 1024;
    else if (suffix == "g" || suffix == "G") scale = 1024.0 * 1024 * 1024;
    else if (!suffix.empty()) return std::nullopt;
    const double bytes = value * scale;
    if (!std::isfinite(bytes) || bytes < 0 || bytes > 2147483647.0) return std::nullopt;
    return static_cast<int>(bytes);
}

std::string SessionOptions::validate() const {
    if (!downLimit.empty() && !parseRate(downLimit))
        return "bad rate '" + downLimit + "' for --down-limit (a number with an optional k, M or G)";
    if (!upLimit.empty() && !parseRate(upLimit))
        return "bad rate '" + upLimit + "' for --up-limit (a number with an optional k, M or G)";
    return {};
}

std::variant<OpenedSession, int> openSession(const SessionOptions& o, Output& out) {
    if (const std::string problem = o.validate(); !problem.empty()) return out.fail(kUsage, problem);
    const std::optional<int> down = o.downLimit.empty() ? 0 : parseRate(o.downLimit);
    const std::optional<int> up = o.upLimit.empty() ? 0 : parseRate(o.upLimit);

    LocalSessionOptions options;
    options.profileDir = o.profile.empty() ? defaultProfileDir() : std::filesystem::path(o.profile);
    options.tickMs = 500;
    options.overrides = [o, down, up](Settings& s) {
        if (!o.listen.empty()) {
            s.listenInterfaces = o.listen;
            const std::string host = hostOf(o.listen);
            // A peer on its own address must also connect from it (docs/libtorrent-notes.md: Addresses).
            if (host != "0.0.0.0" && host != "::") s.outgoingInterfaces = host;
        }
        if (o.noDht) s.enableDht = false;
        if (!o.dhtBootstrap.empty()) s.dhtBootstrapNodes = o.dhtBootstrap;
        if (o.noLsd) s.enableLsd = false;
        if (o.noUpnp) s.enableUpnp = false;
        if (o.noUtp) s.enableUtp = false;
        if (o.encryption == "require") s.encryption = EncryptionPolicy::Require;
        if (o.encryption == "disable") s.encryption = EncryptionPolicy::Disable;
        if (o.encryption == "prefer") s.encryption = EncryptionPolicy::Prefer;
        if (*down > 0) s.downloadLimit = *down;
        if (*up > 0) s.uploadLimit = *up;
        // A command-line run is about its own torrent: the queue must not hold it back.
        if (!o.keepQueue) s.queueingEnabled = false;
    };
    auto events = std::make_shared<EventQueue>();
    options.eventHandler = events->handler();
    auto opened = LocalSession::open(options);
    if (!opened) {
        const Error& e = opened.error();
        return out.fail(e.code == ErrorCode::InvalidArgument ? kUsage : kFailure, e.message);
    }

    OpenedSession result;
    result.session = std::move(opened).value();
    result.events = events;
    const int askedPort = o.listen.empty() ? -1 : portOf(o.listen);
    auto bound = events->waitFor(
        [](const Event& e) { return e.type == EventType::Listening || e.type == EventType::ListenFailed; },
        std::chrono::seconds(10));
    const std::string where = o.listen.empty() ? "the default ports" : o.listen;
    if (!bound) return out.fail(kFailure, "cannot listen on " + where + ": no socket was opened");
    if (bound->type == EventType::ListenFailed) return out.fail(kFailure, "cannot listen on " + bound->message);
    result.address = hostOf(bound->message);
    result.port = portOf(bound->message);
    // libtorrent quietly takes the next port when the asked one is taken; a script asked for that one.
    if (askedPort > 0 && result.port != askedPort)
        return out.fail(kFailure, "cannot listen on " + o.listen + ": address already in use");
    out.event({{"event", "listening"}, {"address", result.address}, {"port", result.port}});
    return result;
}

}  // namespace shoal::cli
