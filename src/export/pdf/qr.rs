//! QR codes for the printed page: a web address as a PNG image with one pixel per module and the four-module
//! quiet zone a scanner needs around it. The template scales the image up without smoothing, so the modules
//! stay sharp at any size. Made here, at build time, without any network; nothing here knows of pages.

use qrcode::{Color, EcLevel, QrCode};

/// The light border a scanner needs, in modules, on each side.
const QUIET_ZONE: usize = 4;

/// The QR code of `text` as a greyscale PNG, one pixel per module, quiet zone included. Error correction is
/// at level M (15 %): paper gets creased and stained. Fails only for text too long for any QR code.
pub fn png(text: &str) -> Result<Vec<u8>, String> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M)
        .map_err(|e| format!("no QR code can hold `{text}`: {e}"))?;
    let modules = code.width();
    let side = modules + 2 * QUIET_ZONE;
    let colors = code.to_colors();
    let mut pixels = vec![u8::MAX; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % modules + QUIET_ZONE, i / modules + QUIET_ZONE);
            pixels[y * side + x] = 0;
        }
    }
    let side = u32::try_from(side).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&pixels));
    written.map_err(|e| format!("cannot encode the QR code as PNG: {e}"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a greyscale PNG and reads its QR code, scaled up first as a camera would see it.
    fn decode(bytes: &[u8]) -> (usize, String) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        assert_eq!(info.width, info.height);
        let side = info.width as usize;
        let scale = 6;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side * scale, side * scale, |x, y| {
                buf[(y / scale) * side + x / scale]
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        (side, grids[0].decode().unwrap().1)
    }

    #[test]
    fn encodes_an_address_that_reads_back() {
        let url = "https://kennisbank.example.nl/smw/praktijkvoorbeelden/voorschools-maatschappelijk-werk-rotterdam.html";
        let (side, read) = decode(&png(url).unwrap());
        assert_eq!(read, url);
        let modules = QrCode::with_error_correction_level(url, EcLevel::M)
            .unwrap()
            .width();
        assert_eq!(side, modules + 2 * QUIET_ZONE);
    }

    #[test]
    fn the_quiet_zone_is_light_and_the_same_text_gives_the_same_bytes() {
        let bytes = png("https://example.nl/kb/x.html").unwrap();
        assert_eq!(bytes, png("https://example.nl/kb/x.html").unwrap());
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes[..]));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let side = info.width as usize;
        for i in 0..side {
            for j in 0..QUIET_ZONE {
                for (x, y) in [(i, j), (j, i), (i, side - 1 - j), (side - 1 - j, i)] {
                    assert_eq!(buf[y * side + x], u8::MAX, "({x}, {y})");
                }
            }
        }
        // The finder pattern's corner starts right inside the quiet zone.
        assert_eq!(buf[QUIET_ZONE * side + QUIET_ZONE], 0);
    }

    #[test]
    fn too_long_a_text_is_an_error_not_a_panic() {
        assert!(png(&"x".repeat(5000)).is_err());
    }
}
