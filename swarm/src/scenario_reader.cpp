// ObjectReader: type and range checks of scenario keys, each failure one issue at the key's pointer.
#include "scenario_reader.h"

#include <cmath>
#include <cstdio>

namespace shoal::swarm {

ObjectReader::ObjectReader(const nlohmann::json& object, std::string pointer, std::vector<ScenarioIssue>& issues)
    : object_(object), pointer_(std::move(pointer)), issues_(issues) {
    if (!object_.is_object()) {
        valid_ = false;
        issues_.push_back({pointer_, 0, 0, "must be an object"});
    }
}

void ObjectReader::finish() {
    if (!valid_) return;
    for (const auto& [key, value] : object_.items()) {
        if (known_.count(key)) continue;
        std::string list;
        for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
        issues_.push_back({pointer(key), 0, 0, "unknown key '" + key + "' (known here: " + list + ")"});
    }
}

bool ObjectReader::has(const std::string& key) const { return valid_ && object_.contains(key); }

const nlohmann::json* ObjectReader::raw(const std::string& key) {
    known_.insert(key);
    if (!valid_) return nullptr;
    auto found = object_.find(key);
    return found == object_.end() ? nullptr : &*found;
}

void ObjectReader::issue(const std::string& key, const std::string& message) {
    issues_.push_back({key.empty() ? pointer_ : pointer(key), 0, 0, message});
}

std::optional<std::string> ObjectReader::string(const std::string& key) {
    const nlohmann::json* v = raw(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        issue(key, "must be a string");
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<std::string> ObjectReader::oneOf(const std::string& key, std::initializer_list<const char*> choices) {
    auto value = string(key);
    if (!value) return std::nullopt;
    std::string list;
    for (const char* choice : choices) {
        if (*value == choice) return value;
        list += std::string(list.empty() ? "" : ", ") + choice;
    }
    issue(key, "'" + *value + "' is not one of: " + list);
    return std::nullopt;
}

std::optional<bool> ObjectReader::boolean(const std::string& key) {
    const nlohmann::json* v = raw(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        issue(key, "must be true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<double> ObjectReader::number(const std::string& key, double min, double max) {
    const nlohmann::json* v = raw(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        issue(key, "must be a number");
        return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        char range[96];
        std::snprintf(range, sizeof range, "must be between %g and %g", min, max);
        issue(key, range);
        return std::nullopt;
    }
    return d;
}

std::optional<std::int64_t> ObjectReader::integer(const std::string& key, std::int64_t min, std::int64_t max) {
    const nlohmann::json* v = raw(key);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) {
        issue(key, "must be a whole number");
        return std::nullopt;
    }
    const auto i = v->get<std::int64_t>();
    if (i < min || i > max) {
        issue(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return i;
}

std::optional<std::int64_t> ObjectReader::size(const std::string& key, std::int64_t min, std::int64_t max) {
    const nlohmann::json* v = raw(key);
    if (!v) return std::nullopt;
    auto bytes = parseSize(*v);
    if (!bytes) {
        issue(key, "must be a size: a number of bytes or a string such as \"16MiB\", \"512k\", \"1.5G\"");
        return std::nullopt;
    }
    if (*bytes < min || *bytes > max) {
        issue(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + " bytes");
        return std::nullopt;
    }
    return bytes;
}

std::optional<std::int64_t> parseSize(const nlohmann::json& value) {
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (!value.is_string()) return std::nullopt;
    const std::string text = value.get<std::string>();
    std::size_t used = 0;
    double number = 0;
    try {
        number = std::stod(text, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::string unit = text.substr(used);
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    double scale = 1;
    if (unit.empty() || unit == "B") scale = 1;
    else if (unit == "k" || unit == "K" || unit == "KiB" || unit == "kB" || unit == "KB") scale = 1024.0;
    else if (unit == "M" || unit == "MiB" || unit == "MB") scale = 1024.0 * 1024;
    else if (unit == "G" || unit == "GiB" || unit == "GB") scale = 1024.0 * 1024 * 1024;
    else return std::nullopt;
    const double bytes = number * scale;
    if (!std::isfinite(bytes) || bytes < 0 || bytes > 9.0e18) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(bytes));
}

}  // namespace shoal::swarm
