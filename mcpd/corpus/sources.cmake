# The documentation corpus (mcpd/corpus) and its search index (mcpd/search), for mcpd_lib.
# Include this from mcpd/CMakeLists.txt after add_library(mcpd_lib ...):
#   include(corpus/sources.cmake)
# It sets MCPD_CORPUS_SOURCES (the .cpp files, including the generated built-in corpus) and
# MCPD_CORPUS_LIBRARIES, and when the target mcpd_lib exists adds both to it.
#
# The built-in corpus is the repository's README.md and every docs/**/*.md, embedded by
# embed_docs.cmake at build time: editing a document rebuilds it; adding or removing one is
# picked up by the glob (CONFIGURE_DEPENDS) on the next build.

find_package(Xapian REQUIRED)
# md4c (Debian libmd4c-dev) by its library and header: Debian's md4cConfig.cmake also
# declares md4c-html, whose library lives in another package.
find_library(MD4C_LIBRARY md4c REQUIRED)
find_path(MD4C_INCLUDE_DIR md4c.h REQUIRED)

set(_mcpd_corpus_dir "${CMAKE_CURRENT_LIST_DIR}")
get_filename_component(_mcpd_repo_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

file(GLOB_RECURSE _mcpd_doc_files CONFIGURE_DEPENDS
  RELATIVE "${_mcpd_repo_root}" "${_mcpd_repo_root}/docs/*.md")
list(SORT _mcpd_doc_files)
set(_mcpd_embedded README.md ${_mcpd_doc_files})
set(_mcpd_embedded_paths "")
foreach(_file IN LISTS _mcpd_embedded)
  list(APPEND _mcpd_embedded_paths "${_mcpd_repo_root}/${_file}")
endforeach()
string(REPLACE ";" "|" _mcpd_embedded_arg "${_mcpd_embedded}")

set(_mcpd_builtin_cpp "${CMAKE_CURRENT_BINARY_DIR}/generated/mcpd/corpus/builtin_docs.cpp")
add_custom_command(
  OUTPUT "${_mcpd_builtin_cpp}"
  COMMAND "${CMAKE_COMMAND}" "-DROOT=${_mcpd_repo_root}" "-DFILES=${_mcpd_embedded_arg}"
          "-DOUTPUT=${_mcpd_builtin_cpp}" -P "${_mcpd_corpus_dir}/embed_docs.cmake"
  DEPENDS ${_mcpd_embedded_paths} "${_mcpd_corpus_dir}/embed_docs.cmake"
  COMMENT "Embedding README.md and docs/ into the built-in corpus"
  VERBATIM)

set(MCPD_CORPUS_SOURCES
  ${_mcpd_corpus_dir}/builtin.cpp
  ${_mcpd_corpus_dir}/corpus.cpp
  ${_mcpd_corpus_dir}/document_id.cpp
  ${_mcpd_corpus_dir}/index_json.cpp
  ${_mcpd_corpus_dir}/language_tag.cpp
  ${_mcpd_corpus_dir}/markdown_document.cpp
  ${_mcpd_corpus_dir}/markdown_folder.cpp
  ${_mcpd_corpus_dir}/remote_source.cpp
  ${_mcpd_corpus_dir}/../search/index.cpp
  ${_mcpd_corpus_dir}/../search/language_vocabulary.cpp
  ${_mcpd_corpus_dir}/../search/languages.cpp
  ${_mcpd_corpus_dir}/../search/language_weight.cpp
  ${_mcpd_corpus_dir}/../search/markdown_text.cpp
  ${_mcpd_corpus_dir}/../search/query_text.cpp
  ${_mcpd_corpus_dir}/../search/snippet.cpp
  ${_mcpd_corpus_dir}/../search/bm25_scorer.cpp
  ${_mcpd_builtin_cpp}
)
set(MCPD_CORPUS_LIBRARIES ${XAPIAN_LIBRARIES} ${MD4C_LIBRARY} Poco::NetSSL Poco::Net Poco::JSON Poco::Foundation
  OpenSSL::SSL yaml-cpp)

if(TARGET mcpd_lib)
  target_sources(mcpd_lib PRIVATE ${MCPD_CORPUS_SOURCES})
  target_include_directories(mcpd_lib SYSTEM PUBLIC ${XAPIAN_INCLUDE_DIR} ${MD4C_INCLUDE_DIR})
  target_link_libraries(mcpd_lib PUBLIC ${MCPD_CORPUS_LIBRARIES})
endif()
