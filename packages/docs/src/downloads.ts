/** The bundled spec files published beside a vendor's reference page, named after the vendor. */
export function specDownloads(slug: string): { yaml: string; json: string } {
  return { yaml: `${slug}.openapi.yaml`, json: `${slug}.openapi.json` };
}
