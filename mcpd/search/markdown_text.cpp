#include "mcpd/search/markdown_text.h"

#include <md4c.h>

#include <cstring>

namespace mcpd::search {
namespace {

constexpr unsigned kDialect = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS;

struct Collector {
  MarkdownText out;
  int heading_depth = 0;  // > 0 while inside a heading
  std::string heading;
  bool in_html_tag = false;  // an HTML tag may be split across text callbacks

  // Ends the current block with `separator` unless the text already ends in whitespace
  // that says as much.
  void separate(std::string_view separator) {
    std::string& text = out.text;
    if (text.empty()) return;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    text += separator;
  }

  void append(std::string_view text) {
    out.text += text;
    if (heading_depth > 0) heading += text;
  }
};

// The text of the entities authors use; others are kept as written ("&copy;").
std::string_view entityText(std::string_view entity) {
  if (entity == "&amp;") return "&";
  if (entity == "&lt;") return "<";
  if (entity == "&gt;") return ">";
  if (entity == "&quot;") return "\"";
  if (entity == "&apos;" || entity == "&#39;") return "'";
  if (entity == "&nbsp;") return " ";
  return entity;
}

int enterBlock(MD_BLOCKTYPE type, void*, void* userdata) {
  auto& c = *static_cast<Collector*>(userdata);
  if (type == MD_BLOCK_H) {
    c.separate("\n\n");
    ++c.heading_depth;
    c.heading.clear();
  } else if (type == MD_BLOCK_TH || type == MD_BLOCK_TD) {
    if (!c.out.text.empty() && c.out.text.back() != '\n') c.out.text += ' ';
  }
  return 0;
}

int leaveBlock(MD_BLOCKTYPE type, void*, void* userdata) {
  auto& c = *static_cast<Collector*>(userdata);
  switch (type) {
    case MD_BLOCK_H:
      --c.heading_depth;
      if (!c.heading.empty()) c.out.headings.push_back(std::move(c.heading));
      c.heading.clear();
      c.separate("\n\n");
      break;
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_HR:
      c.separate("\n\n");
      break;
    case MD_BLOCK_LI:
    case MD_BLOCK_TR:
      c.separate("\n");
      break;
    default:
      break;
  }
  return 0;
}

int ignoreSpan(MD_SPANTYPE, void*, void*) {
  return 0;  // link and image targets live in the span's detail, which is not text
}

// HTML as text: what lies between the tags.
void appendHtml(Collector& c, std::string_view html) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (!c.in_html_tag && html[i] == '<') {
      c.append(html.substr(start, i - start));
      c.in_html_tag = true;
    } else if (c.in_html_tag && html[i] == '>') {
      c.in_html_tag = false;
      start = i + 1;
      c.append(" ");
    }
  }
  if (!c.in_html_tag && start < html.size()) c.append(html.substr(start));
}

int onText(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
  auto& c = *static_cast<Collector*>(userdata);
  const std::string_view chunk(text, size);
  switch (type) {
    case MD_TEXT_NULLCHAR:
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      c.append(c.heading_depth > 0 ? " " : "\n");
      break;
    case MD_TEXT_ENTITY:
      c.append(entityText(chunk));
      break;
    case MD_TEXT_HTML:
      appendHtml(c, chunk);
      break;
    default:  // normal text, code, LaTeX
      c.append(chunk);
      break;
  }
  return 0;
}

}  // namespace

MarkdownText markdownText(std::string_view markdown) {
  MD_PARSER parser;
  std::memset(&parser, 0, sizeof parser);
  parser.abi_version = 0;
  parser.flags = kDialect;
  parser.enter_block = enterBlock;
  parser.leave_block = leaveBlock;
  parser.enter_span = ignoreSpan;
  parser.leave_span = ignoreSpan;
  parser.text = onText;
  Collector collector;
  collector.out.text.reserve(markdown.size());
  // md4c fails only when a callback asks it to or memory runs out; what it produced by then
  // is still the best text there is.
  (void)md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &collector);
  while (!collector.out.text.empty() &&
         (collector.out.text.back() == '\n' || collector.out.text.back() == ' ')) {
    collector.out.text.pop_back();
  }
  return std::move(collector.out);
}

}  // namespace mcpd::search
