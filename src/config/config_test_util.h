#pragma once
// Helpers shared by the config tests (not part of the library).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "config/config_loader.h"

namespace livegate::config {

// Files written by a test binary, removed when it exits.
struct TempFiles {
  std::vector<std::string> paths;
  ~TempFiles() {
    for (const auto& p : paths) std::remove(p.c_str());
  }
};

// Writes `contents` to a fresh file under the test temp dir and returns its path.
inline std::string WriteTempFile(const std::string& name, const std::string& contents) {
  static int counter = 0;
  static TempFiles files;
  std::string path = ::testing::TempDir() + "livegate_cfg_" + std::to_string(getpid()) + "_" +
                     std::to_string(++counter) + "_" + name;
  std::ofstream(path, std::ios::binary) << contents;
  files.paths.push_back(path);
  return path;
}

inline Settings LoadYaml(const std::string& yaml) {
  return LoadSettings(LoadInput{.file_path = WriteTempFile("t.yaml", yaml)});
}

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The ConfigError message of `load`, or "" when it does not throw.
inline std::string ErrorOf(const std::function<void()>& load) {
  try {
    load();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace livegate::config
