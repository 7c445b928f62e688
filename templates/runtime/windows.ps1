function Get-RgWindowsBuild {
    <#
    .SYNOPSIS
        The Windows build the device runs: CurrentBuildNumber, UBR and DisplayVersion under
        HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (64-bit view), read through the registry seam.
        Shared by the rooms that need the build (windowsVersion, schannelProtocol). Reads only.
    .OUTPUTS
        Known ([bool]: CurrentBuildNumber was read as a number), Number ([int], 0 when not known) and Text
        ('Windows build 19045.3803 (22H2)', or 'an unknown Windows build (no CurrentBuildNumber)').
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    $key = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    $build = Get-RgRegistryData -Hive 'HKLM' -SubKey $key -Name 'CurrentBuildNumber' -View 64
    $number = 0
    if (-not $build.Exists -or -not [int]::TryParse([string]$build.Value, [ref]$number)) {
        return [pscustomobject]@{ Known = $false; Number = 0; Text = 'an unknown Windows build (no CurrentBuildNumber)' }
    }
    $text = 'Windows build ' + $number
    $ubr = Get-RgRegistryData -Hive 'HKLM' -SubKey $key -Name 'UBR' -View 64
    if ($ubr.Exists -and $ubr.Kind -eq 'DWord') {
        $text += '.' + $ubr.Value
    }
    $display = Get-RgRegistryData -Hive 'HKLM' -SubKey $key -Name 'DisplayVersion' -View 64
    if ($display.Exists -and $display.Kind -eq 'String') {
        $text += ' (' + $display.Value + ')'
    }
    [pscustomobject]@{ Known = $true; Number = $number; Text = $text }
}
