// Prometheus text format by hand is the format itself (lines of name{labels} value); label values are
// escaped as the format requires (backslash, quote, newline).
#include "rpc/metrics.h"

#include <fmt/format.h>

#include <map>

#include "rpc/rpc_context.h"
#include "shoal/text.h"

namespace shoal::rpc {

namespace {

// Label values must be UTF-8 (a scraper drops the whole page otherwise); names from torrents are bytes.
std::string escapeLabel(const std::string& value) {
    std::string out;
    for (char c : validUtf8(value)) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

class Writer {
public:
    void family(const std::string& name, const char* type, const char* help) {
        text_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
    }
    void sample(const std::string& name, const std::string& labels, double value) {
        text_ += name;
        if (!labels.empty()) text_ += "{" + labels + "}";
        text_ += fmt::format(" {}\n", value);
    }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
};

}  // namespace

std::string prometheusMetrics(const Session& session) {
    const SessionTotals t = session.totals();
    auto torrents = session.torrents();
    std::sort(torrents.begin(), torrents.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    Writer w;
    const auto one = [&](const char* name, const char* type, const char* help, double value) {
        w.family(name, type, help);
        w.sample(name, "", value);
    };
    one("shoal_torrents", "gauge", "Torrents in the library.", static_cast<double>(torrents.size()));
    one("shoal_download_rate_bytes", "gauge", "Payload download rate of the session, bytes/s.",
        t.downloadRate);
    one("shoal_upload_rate_bytes", "gauge", "Payload upload rate of the session, bytes/s.", t.uploadRate);
    one("shoal_downloaded_bytes_total", "counter", "Payload bytes downloaded since the daemon started.",
        static_cast<double>(t.downloadedThisRun));
    one("shoal_uploaded_bytes_total", "counter", "Payload bytes uploaded since the daemon started.",
        static_cast<double>(t.uploadedThisRun));
    one("shoal_all_time_downloaded_bytes", "gauge", "Payload bytes downloaded over the library's life.",
        static_cast<double>(t.allTimeDownloaded));
    one("shoal_all_time_uploaded_bytes", "gauge", "Payload bytes uploaded over the library's life.",
        static_cast<double>(t.allTimeUploaded));
    one("shoal_peers", "gauge", "Connected peers over all torrents.", t.peers);
    one("shoal_dht_nodes", "gauge", "Nodes in the DHT routing table.", t.dhtNodes);

    std::map<std::string, int> byState;
    for (int i = 0; i <= static_cast<int>(TorrentState::Errored); ++i)
        byState[toString(static_cast<TorrentState>(i))] = 0;
    for (const auto& s : torrents) ++byState[toString(s.state)];
    w.family("shoal_torrents_by_state", "gauge", "Torrents in each state.");
    for (const auto& [state, count] : byState)
        w.sample("shoal_torrents_by_state", "state=\"" + state + "\"", count);

    struct PerTorrent {
        const char* name;
        const char* type;
        const char* help;
        double (*value)(const TorrentStatus&);
    };
    static const PerTorrent perTorrent[] = {
        {"shoal_torrent_progress_ratio", "gauge", "Share of the wanted payload downloaded (0..1).",
         [](const TorrentStatus& s) { return s.progress; }},
        {"shoal_torrent_download_rate_bytes", "gauge", "Payload download rate, bytes/s.",
         [](const TorrentStatus& s) { return static_cast<double>(s.downloadRate); }},
        {"shoal_torrent_upload_rate_bytes", "gauge", "Payload upload rate, bytes/s.",
         [](const TorrentStatus& s) { return static_cast<double>(s.uploadRate); }},
        {"shoal_torrent_downloaded_bytes_total", "counter",
         "Payload bytes downloaded over the torrent's life.",
         [](const TorrentStatus& s) { return static_cast<double>(s.allTimeDownloaded); }},
        {"shoal_torrent_uploaded_bytes_total", "counter", "Payload bytes uploaded over the torrent's life.",
         [](const TorrentStatus& s) { return static_cast<double>(s.allTimeUploaded); }},
        {"shoal_torrent_peers", "gauge", "Connected peers, seeds included.",
         [](const TorrentStatus& s) { return static_cast<double>(s.peers); }},
        {"shoal_torrent_seeds", "gauge", "Connected seeds.",
         [](const TorrentStatus& s) { return static_cast<double>(s.seeds); }},
        {"shoal_torrent_ratio", "gauge", "Upload ratio.", [](const TorrentStatus& s) { return s.ratio; }},
        {"shoal_torrent_size_bytes", "gauge", "Payload size of the wanted files.",
         [](const TorrentStatus& s) { return static_cast<double>(s.totalWanted); }},
    };
    for (const auto& metric : perTorrent) {
        w.family(metric.name, metric.type, metric.help);
        for (const auto& s : torrents) {
            const std::string labels = fmt::format("id=\"{}\",hash=\"{}\",name=\"{}\"", s.id,
                                                   hashString(s.hashes), escapeLabel(s.name));
            w.sample(metric.name, labels, metric.value(s));
        }
    }
    return w.take();
}

}  // namespace shoal::rpc
