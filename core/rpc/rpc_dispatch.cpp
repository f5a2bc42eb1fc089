// Parses a request body, tells the two formats apart ("jsonrpc": "2.0" or not), calls the method, and
// shapes the answer. Every malformed request gets an error answer, never an exception; nesting past
// kMaxJsonDepth is refused before any recursive copy, and answers are dumped with invalid UTF-8 replaced.
#include "rpc/rpc_dispatch.h"

#include <spdlog/spdlog.h>

#include "rpc/json_text.h"
#include "rpc/rpc_names.h"

namespace shoal::rpc {

namespace {

json jsonRpcError(const json& id, int code, const std::string& message) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

bool looksLikeJsonRpc(const json& request) { return request.is_object() && request.contains("jsonrpc"); }

}  // namespace

Dispatcher::Dispatcher(RpcContext& context) : context_(context) {
    addTorrentMethods(methods_);
    addTorrentSetMethods(methods_);
    addSessionMethods(methods_);
}

MethodResult Dispatcher::call(const std::string& method, const json& arguments) {
    const auto it = methods_.find(method);
    if (it == methods_.end())
        return MethodResult::fail(kMethodNotFound, "method name not recognized: " + method);
    try {
        return it->second(arguments, context_);
    } catch (const json::exception& e) {
        // A value of the wrong type (e.g. "paused": "yes"): nlohmann names what it expected.
        std::string what = e.what();
        if (const auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
        return MethodResult::fail(kInvalidParams, "invalid arguments for " + method + ": " + what);
    } catch (const std::exception& e) {
        spdlog::error("rpc: {} failed: {}", method, e.what());
        return MethodResult::fail(kInternalError, method + " failed: " + e.what());
    }
}

json Dispatcher::handleLegacy(const json& request) {
    json response = json::object();
    if (request.contains("tag")) response["tag"] = request["tag"];
    response["arguments"] = json::object();
    if (!request.is_object() || !request.contains("method") || !request["method"].is_string()) {
        response["result"] = "invalid request: expected an object with a \"method\" string";
        return response;
    }
    json arguments = request.value("arguments", json::object());
    if (!arguments.is_object()) {
        response["result"] = "invalid request: \"arguments\" must be an object";
        return response;
    }
    MethodResult result = call(request["method"].get<std::string>(), arguments);
    response["result"] = result.error ? *result.error : "success";
    response["arguments"] = std::move(result.arguments);
    return response;
}

std::optional<json> Dispatcher::handleJsonRpc(const json& request) {
    if (!request.is_object()) return jsonRpcError(nullptr, kInvalidRequest, "Invalid Request");
    const bool notification = !request.contains("id");
    const json id = request.value("id", json(nullptr));
    if (!id.is_null() && !id.is_string() && !id.is_number())
        return jsonRpcError(nullptr, kInvalidRequest,
                            "Invalid Request: id must be a string, a number or null");
    if (request.value("jsonrpc", json()) != "2.0" || !request.contains("method") ||
        !request["method"].is_string())
        return jsonRpcError(id, kInvalidRequest, "Invalid Request");
    const json params = request.value("params", json::object());
    if (!params.is_object())
        return jsonRpcError(id, kInvalidParams, "Invalid params: parameters must be an object (by name)");
    MethodResult result =
        call(toLegacyMethod(request["method"].get<std::string>()), argumentsToLegacy(params));
    if (notification) return std::nullopt;
    if (result.error) {
        json error = jsonRpcError(id, result.code, *result.error);
        error["error"]["data"] = {{"error_string", *result.error}};
        if (result.shoalCode)
            error["error"]["data"]["shoal_error_code"] = static_cast<int>(*result.shoalCode);
        return error;
    }
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", resultToSnake(result.arguments)}};
}

DispatchOutput Dispatcher::handle(const std::string& body) {
    auto parsed = parseJsonBounded(body);
    if (!parsed) {
        // Which format did the client mean? A JSON-RPC client names it in the text.
        const std::string& why = parsed.error().message;
        if (body.find("\"jsonrpc\"") != std::string::npos)
            return {false, dumpJson(jsonRpcError(nullptr, kParseError, "Parse error: " + why))};
        return {false, dumpJson(json{{"result", "invalid request: " + why}, {"arguments", json::object()}})};
    }
    const json& request = parsed.value();
    if (request.is_array()) {
        if (request.empty())
            return {false, dumpJson(jsonRpcError(nullptr, kInvalidRequest, "Invalid Request: empty batch"))};
        json answers = json::array();
        for (const auto& item : request)
            if (auto answer = handleJsonRpc(item)) answers.push_back(std::move(*answer));
        if (answers.empty()) return {true, {}};
        return {false, dumpJson(answers)};
    }
    if (looksLikeJsonRpc(request)) {
        auto answer = handleJsonRpc(request);
        if (!answer) return {true, {}};
        return {false, dumpJson(*answer)};
    }
    return {false, dumpJson(handleLegacy(request))};
}

}  // namespace shoal::rpc
