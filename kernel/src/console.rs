//! The serial console: a command line on COM1 for people and for tests.
//!
//! Bytes arrive one at a time (polled each frame); the [`LineEditor`] echoes them, handles
//! backspace, and hands back a line at Enter. [`Command::parse`] turns a line into a command;
//! the loop runs it and prints the answer, one `topic: text` line per fact so tests can parse
//! it like the rest of the log.

use alloc::string::String;

/// Commands the console knows, with one line of help each.
pub const HELP: &[(&str, &str)] = &[
    ("help", "list the commands"),
    ("stats", "frame rate and frame time"),
    ("mem", "heap size and use"),
    ("pci", "one line per PCI function"),
    ("time", "the real-time clock and uptime"),
    ("ps", "the apps: state, fuel, memory"),
    ("open", "open NAME [ARGS]: start an app"),
    ("kill", "kill NAME: stop an app"),
    ("log", "log NAME: an app's log"),
    ("ifconfig", "the network address, gateway, DNS and counters"),
    ("ping", "ping HOST: an ICMP echo"),
    ("dns", "dns NAME: the name's IPv4 addresses"),
    (
        "http",
        "http URL: GET and print status, size and CRC-32 of the body",
    ),
    ("reboot", "restart the machine"),
];

/// A parsed console line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command<'a> {
    Help,
    Stats,
    Mem,
    Pci,
    Time,
    Reboot,
    Ps,
    Open(&'a str),
    Kill(&'a str),
    Log(&'a str),
    Ifconfig,
    Ping(&'a str),
    Dns(&'a str),
    Http(&'a str),
    /// A command that needs an argument got none.
    MissingArgument(&'static str),
    /// An empty line.
    Nothing,
    /// Anything else: the first word.
    Unknown(&'a str),
}

impl<'a> Command<'a> {
    pub fn parse(line: &'a str) -> Command<'a> {
        let mut words = line.split_whitespace();
        match words.next() {
            None => Command::Nothing,
            Some("help") => Command::Help,
            Some("stats") => Command::Stats,
            Some("mem") => Command::Mem,
            Some("pci") => Command::Pci,
            Some("time") => Command::Time,
            Some("reboot") => Command::Reboot,
            Some("ps") => Command::Ps,
            Some("ifconfig") => Command::Ifconfig,
            Some(word @ ("open" | "kill" | "log" | "ping" | "dns" | "http")) => {
                match (word, words.next()) {
                    // The rest of the line: the app's name and its arguments.
                    ("open", Some(_)) => Command::Open(line.trim()["open".len()..].trim()),
                    ("kill", Some(name)) => Command::Kill(name),
                    ("log", Some(name)) => Command::Log(name),
                    ("ping", Some(host)) => Command::Ping(host),
                    ("dns", Some(name)) => Command::Dns(name),
                    ("http", Some(url)) => Command::Http(url),
                    ("open", None) => Command::MissingArgument("open"),
                    ("kill", None) => Command::MissingArgument("kill"),
                    ("log", None) => Command::MissingArgument("log"),
                    ("ping", None) => Command::MissingArgument("ping"),
                    ("dns", None) => Command::MissingArgument("dns"),
                    _ => Command::MissingArgument("http"),
                }
            }
            Some(other) => Command::Unknown(other),
        }
    }
}

/// Collects typed bytes into lines.
#[derive(Default)]
pub struct LineEditor {
    line: String,
}

/// What one byte did to the line.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// Echo this text back to the terminal.
    Echo(&'static str),
    EchoChar(char),
    /// A complete line.
    Line(String),
    Nothing,
}

impl LineEditor {
    pub fn feed(&mut self, byte: u8) -> Edit {
        match byte {
            b'\r' | b'\n' => Edit::Line(core::mem::take(&mut self.line)),
            0x08 | 0x7f => {
                if self.line.pop().is_some() {
                    Edit::Echo("\x08 \x08")
                } else {
                    Edit::Nothing
                }
            }
            0x20..=0x7e if self.line.len() < 256 => {
                self.line.push(byte as char);
                Edit::EchoChar(byte as char)
            }
            _ => Edit::Nothing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_commands() {
        let mut editor = LineEditor::default();
        for &b in b"pcx" {
            editor.feed(b);
        }
        assert_eq!(editor.feed(0x7f), Edit::Echo("\x08 \x08"));
        assert_eq!(editor.feed(b'i'), Edit::EchoChar('i'));
        assert_eq!(editor.feed(0x01), Edit::Nothing);
        let Edit::Line(line) = editor.feed(b'\r') else {
            panic!("no line")
        };
        assert_eq!(Command::parse(&line), Command::Pci);
        assert_eq!(editor.feed(b'\n'), Edit::Line(String::new()));
        assert_eq!(Command::parse("  "), Command::Nothing);
        assert_eq!(
            Command::parse("frobnicate now"),
            Command::Unknown("frobnicate")
        );
        assert_eq!(Command::parse("time"), Command::Time);
        assert_eq!(Command::parse("open cube"), Command::Open("cube"));
        assert_eq!(
            Command::parse(" open  browser http://a/ "),
            Command::Open("browser http://a/")
        );
        assert_eq!(Command::parse("kill"), Command::MissingArgument("kill"));
        assert_eq!(
            Command::parse("http http://a/b"),
            Command::Http("http://a/b")
        );
        assert_eq!(Command::parse("dns"), Command::MissingArgument("dns"));
    }
}
