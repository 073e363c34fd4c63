#include "transport/static_files.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace livegate {

namespace {

std::string_view ContentTypeOf(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

}  // namespace

bool IsSafeStaticPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  return path.find("..") == std::string_view::npos && path.find('\\') == std::string_view::npos &&
         path.find('\0') == std::string_view::npos && path.find("//") == std::string_view::npos;
}

StaticResult ReadStaticFile(const std::string& root, std::string_view path, std::string* body,
                            std::string_view* content_type) {
  if (root.empty()) return StaticResult::kNotFound;
  if (!IsSafeStaticPath(path)) return StaticResult::kForbidden;
  std::string rel(path);
  if (rel.back() == '/') rel += "index.html";
  std::string full = root + rel;
  struct stat st {};
  if (::stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return StaticResult::kNotFound;
  std::ifstream in(full, std::ios::binary);
  if (!in) return StaticResult::kNotFound;
  std::ostringstream ss;
  ss << in.rdbuf();
  *body = ss.str();
  *content_type = ContentTypeOf(rel);
  return StaticResult::kOk;
}

}  // namespace livegate
