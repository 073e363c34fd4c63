# Applies LIVEGATE_SANITIZE to every target of the project.
if(LIVEGATE_SANITIZE)
  add_compile_options(-fsanitize=${LIVEGATE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LIVEGATE_SANITIZE})
  if(LIVEGATE_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # Asio's handler fences (std_fenced_block) trip GCC's -Wtsan; the scheduler's mutex
    # already orders handler runs, which is what TSan follows.
    add_compile_options(-Wno-tsan)
  endif()
endif()
