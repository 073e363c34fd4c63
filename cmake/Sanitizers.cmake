# Applies LIVEGATE_SANITIZE to every target of the project.
if(LIVEGATE_SANITIZE)
  add_compile_options(-fsanitize=${LIVEGATE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LIVEGATE_SANITIZE})
endif()
