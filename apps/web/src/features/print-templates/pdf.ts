/**
 * 下载 PDF: the printed page drawn to a canvas and cut into A4 pages. jspdf and html2canvas-pro
 * are large and only this action needs them: they load on the first click.
 */
export async function downloadPdf(frame: HTMLIFrameElement, fileName: string): Promise<void> {
  const body = frame.contentDocument?.body;
  if (!body) throw new Error('the document is not loaded');
  const [{ jsPDF }, { default: html2canvas }] = await Promise.all([
    import('jspdf'),
    import('html2canvas-pro'),
  ]);
  const canvas = await html2canvas(body, {
    scale: 2,
    backgroundColor: '#ffffff',
    useCORS: false,
    windowWidth: Math.max(body.scrollWidth, 794),
  });
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait' });
  const pageWidth = 210;
  const pageHeight = 297;
  const margin = 10;
  const printable = { w: pageWidth - 2 * margin, h: pageHeight - 2 * margin };
  // canvas pixels per page: the width fills the printable width, the height follows
  const slice = Math.floor((canvas.width * printable.h) / printable.w);
  for (let y = 0, page = 0; y < canvas.height; y += slice, page++) {
    const part = document.createElement('canvas');
    part.width = canvas.width;
    part.height = Math.min(slice, canvas.height - y);
    const ctx = part.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, part.width, part.height);
    ctx.drawImage(canvas, 0, y, canvas.width, part.height, 0, 0, canvas.width, part.height);
    if (page > 0) pdf.addPage();
    pdf.addImage(
      part.toDataURL('image/jpeg', 0.92),
      'JPEG',
      margin,
      margin,
      printable.w,
      (part.height * printable.w) / part.width,
    );
  }
  pdf.save(fileName);
}
