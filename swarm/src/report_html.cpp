// report.html: one self-contained file (inline CSS and SVG, no scripts, nothing fetched) drawn from
// report.json: completion CDF, swarm throughput over time, per-peer progress, and the tables.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "lab_record.h"

namespace shoal::swarm {
namespace {

using json = nlohmann::json;

struct Series {
    std::string color;
    std::vector<std::pair<double, double>> points;
};

const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

// A line plot with axes and five ticks each way; `step` draws a staircase (a CDF).
std::string plot(const std::string& title, const std::string& xLabel, const std::string& yLabel, double xMax,
                 double yMax, const std::vector<Series>& series, bool step) {
    const double w = 640, h = 280, left = 60, right = 16, top = 28, bottom = 40;
    const double pw = w - left - right, ph = h - top - bottom;
    xMax = xMax > 0 ? xMax : 1;
    yMax = yMax > 0 ? yMax : 1;
    auto X = [&](double x) { return left + pw * std::clamp(x / xMax, 0.0, 1.0); };
    auto Y = [&](double y) { return top + ph * (1 - std::clamp(y / yMax, 0.0, 1.0)); };
    std::ostringstream s;
    s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << w << "' height='" << h << "' viewBox='0 0 " << w << ' '
      << h << "'>\n<text x='" << left << "' y='18' font-weight='bold'>" << escape(title) << "</text>\n";
    s << "<rect x='" << left << "' y='" << top << "' width='" << pw << "' height='" << ph
      << "' fill='none' stroke='#999'/>\n";
    for (int i = 0; i <= 5; ++i) {
        const double xv = xMax * i / 5, yv = yMax * i / 5;
        s << "<line x1='" << X(xv) << "' y1='" << top + ph << "' x2='" << X(xv) << "' y2='" << top + ph + 4
          << "' stroke='#999'/><text x='" << X(xv) << "' y='" << top + ph + 16 << "' text-anchor='middle'>" << num(xv)
          << "</text>\n";
        s << "<line x1='" << left - 4 << "' y1='" << Y(yv) << "' x2='" << left + pw << "' y2='" << Y(yv)
          << "' stroke='#eee'/><text x='" << left - 6 << "' y='" << Y(yv) + 4 << "' text-anchor='end'>" << num(yv)
          << "</text>\n";
    }
    s << "<text x='" << left + pw / 2 << "' y='" << h - 6 << "' text-anchor='middle'>" << escape(xLabel) << "</text>\n";
    s << "<text x='14' y='" << top + ph / 2 << "' text-anchor='middle' transform='rotate(-90 14 " << top + ph / 2
      << ")'>" << escape(yLabel) << "</text>\n";
    for (const auto& line : series) {
        if (line.points.empty()) continue;
        s << "<polyline fill='none' stroke-width='1.5' stroke='" << line.color << "' points='";
        double lastY = line.points.front().second;
        for (const auto& [x, y] : line.points) {
            if (step) s << X(x) << ',' << Y(lastY) << ' ';
            s << X(x) << ',' << Y(y) << ' ';
            lastY = y;
        }
        s << "'/>\n";
    }
    s << "</svg>\n";
    return s.str();
}

std::string cell(const json& v) {
    if (v.is_null()) return "<td>–</td>";
    if (v.is_string()) return "<td>" + escape(v.get<std::string>()) + "</td>";
    if (v.is_array()) return "<td>" + std::to_string(v.size()) + "</td>";
    return "<td>" + escape(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) + "</td>";
}

std::string table(const json& rows, const std::vector<std::string>& keys) {
    std::ostringstream s;
    s << "<table><tr>";
    for (const auto& k : keys) s << "<th>" << escape(k) << "</th>";
    s << "</tr>\n";
    for (const auto& row : rows) {
        s << "<tr>";
        for (const auto& k : keys) s << cell(row.contains(k) ? row[k] : json(nullptr));
        s << "</tr>\n";
    }
    s << "</table>\n";
    return s.str();
}

}  // namespace

std::string renderHtml(const json& report) {
    const double duration = std::max(0.001, report.value("duration_seconds", 0.0));
    const json& peers = report["peers"];
    const json& swarm = report["swarm"];

    // Completion CDF over the lab clock.
    std::vector<double> done;
    int leechers = 0;
    for (const auto& p : peers) {
        if (p["role"] != "leecher") continue;
        ++leechers;
        if (!p["completed_at"].is_null()) done.push_back(p["completed_at"].get<double>());
    }
    std::sort(done.begin(), done.end());
    Series cdf{kPalette[0], {{0, 0}}};
    for (std::size_t i = 0; i < done.size(); ++i)
        cdf.points.push_back({done[i], static_cast<double>(i + 1) / std::max(1, leechers)});
    cdf.points.push_back({duration, done.empty() ? 0 : static_cast<double>(done.size()) / std::max(1, leechers)});

    Series rate{kPalette[0], {}}, upRate{kPalette[1], {}};
    double peak = 0;
    for (const auto& s : report["samples"]) {
        const double mb = s[1].get<double>() / 1e6;
        rate.points.push_back({s[0].get<double>(), mb});
        upRate.points.push_back({s[0].get<double>(), s[2].get<double>() / 1e6});
        peak = std::max({peak, mb, s[2].get<double>() / 1e6});
    }

    std::vector<Series> progress;
    std::map<std::string, std::string> groupColor;
    for (const auto& p : peers) {
        const std::string group = p["group"];
        if (!groupColor.count(group)) groupColor[group] = kPalette[groupColor.size() % std::size(kPalette)];
        if (p["role"] != "leecher") continue;
        Series line{groupColor[group], {}};
        for (const auto& point : p["progress"]) line.points.push_back({point[0].get<double>(), point[1].get<double>()});
        progress.push_back(std::move(line));
    }

    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Swarm lab: "
      << escape(report.value("name", "")) << "</title>\n<style>body{font:14px sans-serif;margin:24px;max-width:1100px}"
      << "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
      << "th{background:#f4f4f4}svg{font:11px sans-serif;display:block;margin:12px 0}.bad{color:#b00}.ok{color:#070}"
      << "pre{background:#f7f7f7;padding:8px;overflow:auto}</style></head><body>\n";
    h << "<h1>Swarm lab: " << escape(report.value("name", "")) << "</h1>\n";
    const json& ex = report.contains("expectations") ? report["expectations"] : json::object();
    if (ex.contains("held")) {
        h << "<p class='" << (ex["held"].get<bool>() ? "ok'>Expectations held" : "bad'>Expectations failed") << "</p>\n<ul>";
        for (const auto& f : ex["failures"]) h << "<li class='bad'>" << escape(f.get<std::string>()) << "</li>";
        h << "</ul>\n";
    }
    h << "<p>" << swarm["completed"] << " of " << swarm["leechers"] << " leechers complete; stopped after "
      << num(duration) << " s (" << escape(report.value("stop_reason", "")) << "); payload "
      << report["payload"]["bytes"] << " bytes in " << report["payload"]["pieces"] << " pieces.</p>\n";
    h << "<h2>Swarm</h2>\n" << table(json::array({swarm}), {"peers", "leechers", "completed", "time_to_first_copy",
                                                            "time_to_all_complete", "throughput", "peak_download_rate",
                                                            "redundancy", "hash_failures", "peers_banned",
                                                            "verified_copies", "corrupt_copies", "crashed_peers"});
    h << plot("Completion CDF", "seconds since start", "fraction of leechers complete", duration, 1, {cdf}, true);
    h << plot("Swarm throughput (blue: download, orange: upload)", "seconds since start", "MB/s", duration, peak * 1.05,
              {rate, upRate}, false);
    h << plot("Per-peer progress (colour by group)", "seconds since start", "progress", duration, 1, progress, false);
    h << "<p>Groups: ";
    for (const auto& [group, color] : groupColor) h << "<span style='color:" << color << "'>■ " << escape(group) << "</span> ";
    h << "</p>\n<h2>Groups</h2>\n"
      << table(report["groups"], {"name", "role", "client", "count", "completed", "bytes_downloaded", "bytes_uploaded",
                                  "hash_failures", "banned_by_peers", "fault"});
    h << "<h2>Peers</h2>\n"
      << table(peers, {"name", "address", "role", "client", "fault", "completion_seconds", "discovery_seconds",
                       "bytes_downloaded", "bytes_uploaded", "hash_failures", "peers_banned", "banned_by", "verified",
                       "peak_rss", "peak_rss_anon", "crashed"});
    h << "<h2>Infrastructure</h2>\n<pre>"
      << escape(report["infrastructure"].dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
      << "</pre>\n";
    h << "<h2>Scenario</h2>\n<pre>"
      << escape(report["scenario"].dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
      << "</pre>\n<h2>Versions</h2>\n<pre>"
      << escape(report["versions"].dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
      << "</pre>\n</body></html>\n";
    return h.str();
}

}  // namespace shoal::swarm
