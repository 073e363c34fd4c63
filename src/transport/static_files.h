#pragma once
// The demo site: files under one directory, served read-only. Paths with "..", NUL or
// backslashes are refused, so nothing outside the directory is reachable.

#include <string>
#include <string_view>

namespace livegate {

// True when `path` ("/a/b.js") can be served: absolute, no "..", "//", backslash or NUL.
bool IsSafeStaticPath(std::string_view path);

enum class StaticResult { kOk, kNotFound, kForbidden };

// `path` is the URL path (no query). "/" maps to "/index.html".
StaticResult ReadStaticFile(const std::string& root, std::string_view path, std::string* body,
                            std::string_view* content_type);

}  // namespace livegate
